"""Team selling at one keyboard, in English and Chinese: members and roles, forecasts
(the terminal game, the window and the trainer's hot-seat). Merged into ``game.strings.STRINGS``."""

from __future__ import annotations

TEAM_STRINGS: dict[str, tuple[str, str]] = {
    # -- roles and members -------------------------------------------------------------------
    "crew.role.am": ("account manager", "客户经理"),
    "crew.role.presales": ("pre-sales consultant", "售前顾问"),
    "crew.role.pm": ("project manager", "项目经理"),
    "crew.role.executive": ("executive", "高层"),
    "crew.role.observer": ("observer", "观察员"),
    "crew.member": ("{name} ({roles})", "{name}（{roles}）"),
    "crew.no_role": ("no role", "无角色"),
    "crew.nobody": ("nobody", "无人"),
    "crew.syntax": (
        "Write the members as NAME=ROLES separated by ';', e.g. \"Ada=am,executive; Bo=presales,pm\". "
        "Roles: am (account manager), presales, pm (project manager), executive, observer.",
        "成员写成 姓名=角色，用分号分开，例如 \"Ada=am,executive; Bo=presales,pm\"。"
        "角色：am（客户经理）、presales（售前顾问）、pm（项目经理）、executive（高层）、observer（观察员），也可写中文。",
    ),
    "crew.err.empty": ("No member was given.", "没有给出成员。"),
    "crew.err.no_name": ("'{part}' has no name before '='.", "'{part}' 的 '=' 前面没有姓名。"),
    "crew.err.no_roles": ("Say which roles {name} holds, e.g. {name}=am.", "请写明 {name} 担任的角色，例如 {name}=am。"),
    "crew.err.bad_role": ("'{word}' (for {name}) is not a role.", "'{word}'（{name}）不是角色。"),
    "crew.err.observer": ("{name}: an observer holds no other role.", "{name}：观察员不能兼任其他角色。"),
    "crew.err.twice": ("{name} is named twice.", "{name} 出现了两次。"),
    "crew.err.too_many": ("A team has at most {most} members.", "一个团队最多 {most} 名成员。"),
    "crew.err.long_name": ("The name '{name}' is too long (at most {most} characters).", "姓名 '{name}' 太长（最多 {most} 个字符）。"),
    "crew.refused": (
        "{action} is the {roles}'s to prepare ({holders}), not {member}'s: type 'as {first}' and add it there.",
        "{action}由{roles}准备（{holders}），{member}不能添加：输入 'as {first}' 换人后再添加。",
    ),
    "crew.refused_nobody": (
        "{action} is the {roles}'s to prepare, and nobody in the team acts for it: give someone that role ('team').",
        "{action}由{roles}准备，但团队里没有人担任这个角色：请用 'team' 给某位成员分配它。",
    ),
    "crew.left_line": ("  {role} ({who}): {left}", "  {role}（{who}）：{left}"),
    "crew.money_left": ("money {money}", "经费 {money}"),
    "crew.forecast": ("{win} to win{price}", "胜算 {win}{price}"),
    "crew.forecast_price": (", expected bid {price}", "，预计报价 {price}"),
    # -- the terminal game ---------------------------------------------------------------------
    "crewt.team_title": ("Team {vendor}:", "{vendor} 团队："),
    "crewt.members": ("Members: {members}.", "成员：{members}。"),
    "crewt.left_title": ("What each role has left:", "各角色剩余："),
    "crewt.at_keys": (
        "At the keyboard: {member}. 'as NAME' passes it on ({names}); 'team' shows who holds what.",
        "现在操作：{member}。输入 'as 姓名' 换人（{names}）；'team' 查看分工。",
    ),
    "crewt.now": ("{member} at the keyboard.", "现在由 {member} 操作。"),
    "crewt.prompt": ("[{vendor} · {member}] turn {turn}> ", "[{vendor} · {member}] 第{turn}回合> "),
    "crewt.no_team": (
        "One player holds every role. To play as a team, type e.g.: team Ada=am,executive; Bo=presales,pm",
        "现在由一名玩家担任全部角色。要按团队分工，请输入例如：team Ada=am,executive; Bo=presales,pm",
    ),
    "crewt.whole_team": (
        "At the trainer's laptop the team enters its plan together; its members are not told apart here.",
        "在讲师电脑上由团队一起录入计划，这里不区分成员。",
    ),
    "crewt.set": ("Team set: {members}.", "团队已设定：{members}。"),
    "crewt.who_q": ("Who? Members: {names}. Type e.g. 'as {first}'.", "换谁？成员：{names}。例如输入 'as {first}'。"),
    "crewt.unknown_member": ("No member '{word}' in the team; members: {names}.", "团队里没有 '{word}'；成员：{names}。"),
    "crewt.confirm_q": (
        "{action} with {person} is a joint action: {who} ({roles}) confirms? y/n ",
        "与{person}的{action}是联合行动：{who}（{roles}）确认吗？y/n ",
    ),
    "crewt.confirmed": ("Confirmed by {who}.", "{who} 已确认。"),
    "crewt.declined": (
        "Not added: {who} did not confirm. The debrief counts it as a joint action missed this turn.",
        "未添加：{who} 没有确认。复盘会把它记为本回合错过的联合行动。",
    ),
    "crewt.nothing_mine": ("{member} has nothing in the plan to take back.", "计划里没有 {member} 可以撤回的行动。"),
    "crewt.cleared_mine": ("{n} action(s) of {member}'s roles taken back.", "已撤回 {member} 所担任角色的 {n} 项行动。"),
    "crewt.end_by_am": (
        "The account manager ({who}) hands in the team's turn: type 'as {first}' first.",
        "由客户经理（{who}）提交本回合：请先输入 'as {first}'。",
    ),
    "crewt.bid_by": ("The account manager ({who}) enters the bid.", "由客户经理（{who}）录入报价。"),
    "crewt.bad_team": ("The team cannot be read: {why}", "无法识别团队：{why}"),
    "crewt.spec_team": (
        "--team '{spec}': no team '{word}' in this game (teams: {teams}).",
        "--team '{spec}'：本局没有 '{word}' 这个团队（团队：{teams}）。",
    ),
    "crewt.spec_extra": (
        "--team was given {n} times for {m} team(s); give it once per team, in the order of --teams, or as VENDOR: NAME=ROLES; ...",
        "--team 给了 {n} 次，但只有 {m} 个团队；每个团队给一次，顺序同 --teams，或写成 厂商: 姓名=角色; ...",
    ),
    "crewt.forecast_q": (
        "Team forecast for this tender: your chance to win, in % (Enter skips)> ",
        "团队预测：你们赢得这次招标的把握（%，直接回车跳过）> ",
    ),
    "crewt.forecast_price_q": (
        "The price you expect to bid (e.g. 24m, 2400万 or 92%; Enter skips)> ",
        "预计的报价（例如 24m、2400万 或 92%；直接回车跳过）> ",
    ),
    "crewt.forecast_bid_q": ("Your chance to win with this bid, in % (Enter skips)> ", "凭这个报价中标的把握（%，直接回车跳过）> "),
    "crewt.forecast_saved": ("Forecast recorded: {forecast}.", "预测已记录：{forecast}。"),
    "crewt.forecast_skipped": ("No forecast this time.", "这次没有预测。"),
    "crewt.forecast_none": ("No forecast yet this turn.", "本回合还没有预测。"),
    "crewt.forecast_now": ("Forecast this turn: {forecast}.", "本回合的预测：{forecast}。"),
    "crewt.forecast_usage": (
        "forecast CHANCE [PRICE]: the chance you win in %, and the price you expect to bid, e.g. forecast 40% 24m",
        "forecast 把握 [报价]：你们中标的把握（%）和预计的报价，例如 forecast 40% 24m",
    ),
    "crewt.help.as": ("pass the keyboard to another member", "换另一名成员操作"),
    "crewt.help.team": (
        "members, their roles and what each role has left (team NAME=ROLES; ... sets them)",
        "成员、角色及各角色剩余（team 姓名=角色; ... 可设定）",
    ),
    "crewt.help.forecast": ("record the team's forecast: chance to win, price to bid", "记录团队预测：中标把握、预计报价"),
    "num.chance": (
        "'{word}' is not a chance: type a percentage from 0 to 100, e.g. 40%.",
        "'{word}' 不是有效的把握：请输入 0 到 100 的百分比，例如 40%。",
    ),
    "num.forecast_price": (
        "Cannot read '{word}' as the price you expect to bid: type a positive amount such as 24,000,000, 24m, 2400万 or 92% (of the ceiling), or leave it empty.",
        "无法把 '{word}' 识别为预计报价：请输入正数金额，例如 24,000,000、24m、2400万 或 92%（最高限价的比例），也可以留空。",
    ),
    # -- the window -------------------------------------------------------------------------------
    "crewu.open": ("Team members…", "团队成员…"),
    "crewu.open.tip": (
        "Optional: who is in each team and which roles they hold (account manager, pre-sales, project manager, executive). "
        "Each role then prepares only the actions its own days pay for. Leave it and one player holds every role.",
        "可选：每个团队有哪些成员、各自担任什么角色（客户经理、售前、项目经理、高层）。"
        "设定后每个角色只能准备用自己人天的行动。不设定则由一名玩家担任全部角色。",
    ),
    "crewu.title": ("Who is in each team", "各团队的成员"),
    "crewu.intro": (
        "Key accounts are won by a team: the account manager (sales days, the money, the bid), the pre-sales consultant, "
        "the project manager and an executive. Give each member's roles; one person may hold several. At the board the "
        "member at the keyboard adds only their roles' actions, and a joint action (a solution workshop: pre-sales and "
        "project manager) is confirmed by the other role.",
        "大客户是靠团队赢下来的：客户经理（销售人天、经费和报价）、售前顾问、项目经理和公司高层。"
        "请写明每位成员的角色，一人可以兼任多个。在决策面板上，当前操作的成员只能添加自己角色的行动；"
        "联合行动（方案研讨会：售前和项目经理）需要另一个角色确认。",
    ),
    "crewu.entry.tip": (
        "NAME=ROLES for each member, separated by ';', e.g. Ada=am,executive; Bo=presales,pm. Empty: one player holds every role.",
        "每位成员写成 姓名=角色，用分号分开，例如 Ada=am,executive; Bo=presales,pm。留空：一名玩家担任全部角色。",
    ),
    "crewu.empty": ("Empty: one player holds every role.", "留空：一名玩家担任全部角色。"),
    "crewu.unsaved": ("Press Save to check it.", "按“保存”检查。"),
    "crewu.save": ("Save", "保存"),
    "crewu.save.tip": ("Check the members and go back to the briefing", "检查成员并返回背景介绍"),
    "crewu.back": ("◀ Back", "◀ 返回"),
    "crewu.back.tip": ("Back to the briefing without saving (what you typed is kept)", "不保存，返回背景介绍（已输入的内容会保留）"),
    "crewu.refused": (
        "{action} is the {roles}'s to prepare ({holders}), not {member}'s: click {first} above the committee, then add it.",
        "{action}由{roles}准备（{holders}），{member}不能添加：请先点击委员会上方的 {first}，再添加。",
    ),
    "crewu.at_keys": ("At the keyboard:", "当前操作："),
    "crewu.member.tip": ("{member}: click when they take the keyboard.", "{member}：轮到此人操作时点击。"),
    "crewu.joint_title": ("A joint action", "联合行动"),
    "crewu.joint_q": ("{who} ({roles}) confirms the {action} with {person}?", "{who}（{roles}）确认与{person}的{action}吗？"),
    "crewu.joint_yes": ("{who} confirms", "{who} 确认"),
    "crewu.joint_yes.tip": ("The other role agrees: the action joins the plan", "另一个角色同意：行动加入计划"),
    "crewu.joint_no": ("Not confirmed", "不确认"),
    "crewu.joint_no.tip": ("Not added; the debrief counts it as a joint action missed", "不添加；复盘会把它记为错过的联合行动"),
    "crewu.end_by_am": (
        "The account manager ({who}) hands in the turn: click {first} above the committee first.",
        "由客户经理（{who}）提交本回合：请先点击委员会上方的 {first}。",
    ),
    "fcu.label": ("Team forecast (optional): win % · expected bid", "团队预测（可选）：胜算 % · 预计报价"),
    "fcu.bid_label": ("Your chance to win with this bid, in % (optional)", "凭这个报价中标的把握（%，可选）"),
    "fcu.win.placeholder": ("win %", "胜算 %"),
    "fcu.price.placeholder": ("expected bid", "预计报价"),
    "fcu.win.tip": (
        "Your team's chance to win this tender, in % (e.g. 40). Recorded when the turn ends; the debrief compares your forecasts with how the game went.",
        "你们团队赢得这次招标的把握，单位 %（例如 40）。回合结束时记录；复盘会把预测与实际走势对比。",
    ),
    "fcu.price.tip": (
        "The price you expect to bid: e.g. 24m, 2400万, 24,000,000 or 92% (of the ceiling). Optional.",
        "预计的报价：例如 24m、2400万、24,000,000 或 92%（最高限价的比例）。可不填。",
    ),
    "fcu.title": ("Forecast", "预测"),
    "fcu.fix": ("Correct it, or clear the box to give no forecast.", "请改正，或清空输入框表示不做预测。"),
    # -- the trainer's console (hot-seat) ---------------------------------------------------------
    "crews.forecast_usage": (
        "forecast TEAM CHANCE [PRICE]: a team's forecast, e.g. forecast Red 40% 24m (also typed during its hot-seat entry: forecast 40% 24m).",
        "forecast 团队 把握 [报价]：记录一个团队的预测，例如 forecast Red 40% 24m（热座录入时也可输入：forecast 40% 24m）。",
    ),
    "crews.forecast_saved": ("Forecast of team {team} recorded: {forecast}.", "{team} 队的预测已记录：{forecast}。"),
}
