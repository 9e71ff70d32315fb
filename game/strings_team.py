"""Team selling's strings, in English and Chinese: the roles' names; members, roles and
forecasts at one keyboard (the terminal game, the window and the trainer's hot-seat); the team
debrief (the forecasts' calibration, how the team worked, peer reviews and the class's bottleneck
roles, in the terminal debrief and the HTML report). ``game.strings`` adds them to its catalogue."""

from __future__ import annotations

TEAM_STRINGS: dict[str, tuple[str, str]] = {
    # -- the team's roles (game/session/roles.py), in sentences and as titles
    "team_role.am": ("account manager", "客户经理"),
    "team_role.presales": ("pre-sales consultant", "售前顾问"),
    "team_role.pm": ("project manager", "项目经理"),
    "team_role.executive": ("executive", "高层"),
    "team_role.observer": ("observer", "观察员"),
    "team_role.am.title": ("Account manager", "客户经理"),
    "team_role.presales.title": ("Pre-sales consultant", "售前顾问"),
    "team_role.pm.title": ("Project manager", "项目经理"),
    "team_role.executive.title": ("Executive", "高层"),
    "team_role.observer.title": ("Observer", "观察员"),
    # -- sections
    "debrief.section.forecasts": ("Your forecasts", "你们的预测"),
    "debrief.section.team": ("How the team worked", "团队是怎样协作的"),
    "debrief.section.peers": ("Peer reviews (for the trainer only)", "组员互评（仅供培训师查看）"),
    # -- forecasts (game/analysis/debrief/forecasts.py)
    "debrief.fc.none": (
        "No forecasts were recorded. Each round a team can record its chance of winning and the price it expects to bid; the debrief then scores them against the model and the outcome.",
        "没有记录任何预测。每一轮，团队都可以记录自己中标的把握和预计的报价；复盘时会拿它们与模型和最终结果对比打分。",
    ),
    "debrief.fc.count": ("Forecasts for {n} of {m} turns played{bid}.", "已进行的 {m} 个回合中，有 {n} 个回合做了预测{bid}。"),
    "debrief.fc.count_bid": (" and with the bid", "，投标时也做了预测"),
    "debrief.fc.missing": (
        "No forecast in turn(s) {turns}: those turns are left out, not guessed.",
        "第 {turns} 回合没有预测：这些回合不计入，也不做推测。",
    ),
    "debrief.fc.bid_missing": ("No forecast with the bid.", "投标时没有做预测。"),
    "debrief.fc.brier": (
        "Brier score {brier} against the outcome ({outcome}); the model's line scored {model} at the same turns (0 is perfect; always saying 50% scores 0.25).",
        "对照最终结果（{outcome}）的布里尔分数为 {brier}；模型在相同回合的分数为 {model}（0 为完美；每次都说 50% 得 0.25）。",
    ),
    "debrief.fc.brier_only": (
        "Brier score {brier} against the outcome ({outcome}) (0 is perfect; always saying 50% scores 0.25).",
        "对照最终结果（{outcome}）的布里尔分数为 {brier}（0 为完美；每次都说 50% 得 0.25）。",
    ),
    "debrief.fc.outcome.won": ("won", "中标"),
    "debrief.fc.outcome.lost": ("lost", "未中标"),
    "debrief.fc.no_award": ("Not awarded yet: no Brier score.", "尚未开标：暂无布里尔分数。"),
    "debrief.fc.gap": (
        "Against the model's chance after each turn: mean squared gap {gap}, on average {bias} points ({lean}).",
        "与模型每回合之后的胜率相比：均方差 {gap}，平均相差 {bias} 个百分点（{lean}）。",
    ),
    "debrief.fc.lean.over": ("over-confident: more optimistic than the model", "过于自信：比模型乐观"),
    "debrief.fc.lean.under": ("under-confident: more pessimistic than the model", "信心不足：比模型悲观"),
    "debrief.fc.lean.even": ("in line with the model", "与模型基本一致"),
    "debrief.fc.turns": ("Turn by turn (yours / the model's): {items}.", "逐回合（你们的 / 模型的）：{items}。"),
    "debrief.fc.turn_item": ("{turn}: {win} / {model}", "第 {turn} 回合 {win} / {model}"),
    "debrief.fc.turn_item_open": ("{turn}: {win} / -", "第 {turn} 回合 {win} / -"),
    "debrief.fc.bid_item": ("bid: {win} / {model}", "投标 {win} / {model}"),
    "debrief.fc.price": (
        "Price: your last forecast {price} ({when}) against your bid {bid}: {error}.",
        "价格：你们最后一次预测的报价为 {price}（{when}），实际报价 {bid}：{error}。",
    ),
    "debrief.fc.price_nobid": (
        "Price: your last forecast was {price} ({when}); no bid was made.",
        "价格：你们最后一次预测的报价为 {price}（{when}）；没有投标。",
    ),
    "debrief.fc.price_when": ("turn {turn}", "第 {turn} 回合"),
    "debrief.fc.price_when_bid": ("with the bid", "投标时"),
    "debrief.fc.price_above": ("{gap} ({share}) above it", "高出 {gap}（{share}）"),
    "debrief.fc.price_below": ("{gap} ({share}) below it", "低了 {gap}（{share}）"),
    "debrief.fc.price_exact": ("spot on", "完全一致"),
    # -- how the team worked (game/analysis/debrief/teamwork.py)
    "debrief.tw.solo": (
        "A team of one (no members recorded): every role's days were the same player's; figures from the plans as they counted.",
        "单人团队（没有记录成员）：各角色的人天都由同一个人安排；数据来自实际生效的计划。",
    ),
    "debrief.tw.members": ("Members: {items}.", "成员：{items}。"),
    "debrief.tw.member_item": ("{name} ({roles})", "{name}（{roles}）"),
    "debrief.tw.no_roles": ("no role chosen", "未选角色"),
    "debrief.tw.role": (
        "{role}{holders}: used {used} of {available} days{unspent}; people it is there to reach: met {met} of {people}{uncovered}.",
        "{role}{holders}：用了 {available} 人天中的 {used} 人天{unspent}；应接触的 {people} 人中见到了 {met} 人{uncovered}。",
    ),
    "debrief.tw.role_all": (
        "{role}{holders}: used {used} of {available} days{unspent}; met {met} people.",
        "{role}{holders}：用了 {available} 人天中的 {used} 人天{unspent}；见到了 {met} 人。",
    ),
    "debrief.tw.holders": (" ({names})", "（{names}）"),
    "debrief.tw.nobody": (" (nobody took it)", "（无人担任）"),
    "debrief.tw.nobody_cell": ("nobody", "无人担任"),
    "debrief.tw.unspent": (", {days} left unspent (turns {turns})", "，{days} 人天闲置（第 {turns} 回合）"),
    "debrief.tw.not_met": ("; not met: {names}", "；未见到：{names}"),
    "debrief.tw.more": ("{names} and {n} more", "{names}等另外 {n} 人"),
    "debrief.tw.joint": (
        "Joint actions: {done} done, {missed} missed (proposed, never confirmed).",
        "联合行动：完成 {done} 项，错过 {missed} 项（有人提议，但没有得到确认）。",
    ),
    "debrief.tw.joint_missed": (
        "Missed in turn {turn}: {action} with {person}, proposed by {by}; the {roles} did not confirm.",
        "第 {turn} 回合错过：对{person}的{action}，由{by}提议；{roles}没有确认。",
    ),
    "debrief.tw.someone": ("a member", "某位成员"),
    "debrief.tw.check_passed": (
        "The customer's check on the {role}: passed {n} time(s).",
        "客户对{role}的检验：通过 {n} 次。",
    ),
    "debrief.tw.check_failed": (
        "The customer's check on the {role}: failed {n} time(s) (the {role} had not met the people asked about).",
        "客户对{role}的检验：未通过 {n} 次（{role}没有见过客户问到的人）。",
    ),
    "debrief.tw.member": (
        "{name}: proposed {proposed}, {counted} counted, {missed} missed; confirmed {confirmed} of others'; {forecasts} forecast(s).",
        "{name}：提议 {proposed} 项，生效 {counted} 项，错过 {missed} 项；确认他人提议 {confirmed} 项；预测 {forecasts} 次。",
    ),
    "debrief.tw.unattributed": (
        "{n} action(s) were put in without a member (at the trainer's laptop or from a file).",
        "有 {n} 项行动不是由成员录入的（在培训师电脑上或从文件导入）。",
    ),
    "debrief.tw.short": ("Fell short most: {items}.", "最薄弱的环节：{items}。"),
    "debrief.tw.short_none": (
        "No role fell short: every role used its days and reached its people.",
        "没有明显薄弱的角色：每个角色都用足了人天，也见到了该见的人。",
    ),
    "debrief.tw.short_item": ("{measure}: the {role}", "{measure}：{role}"),
    "debrief.measure.unspent": ("days unspent", "人天闲置"),
    "debrief.measure.missed": ("joint actions missed", "联合行动错过"),
    "debrief.measure.uncovered": ("people not reached", "该见的人没见到"),
    "debrief.measure.checks": ("customer's checks failed", "未通过客户检验"),
    # -- peer reviews
    "debrief.peer.none": ("No peer reviews were recorded.", "没有组员互评记录。"),
    "debrief.peer.score": ("{name}: {mean} from {n} teammate(s) ({ratings})", "{name}：{n} 位队友评分平均 {mean}（{ratings}）"),
    "debrief.peer.note": ("{by}: “{note}”", "{by}：“{note}”"),
    # -- the class: bottleneck roles and forecasts
    "debrief.class.bottleneck": ("Bottleneck roles", "瓶颈角色"),
    "debrief.class.forecasts": ("Forecasts", "预测"),
    "debrief.bn.role": (
        "The bottleneck across the class: the {role}, the weakest role in {k} of the {total} measures of the teams.",
        "全班的瓶颈：{role}——在各队共 {total} 项指标中，有 {k} 项是它最薄弱。",
    ),
    "debrief.bn.none": (
        "No role stood out: every role used its days, confirmed its joint actions and reached its people.",
        "没有突出的瓶颈角色：每个角色都用足了人天、确认了联合行动、见到了该见的人。",
    ),
    "debrief.bn.unspent": (
        "Days left unspent: the {role} left {share} of their days unused ({days} days; the worst role in {teams} team(s)).",
        "人天闲置：{role}有 {share} 的人天没有用（{days} 人天；在 {teams} 个队里最为薄弱）。",
    ),
    "debrief.bn.missed": (
        "Joint actions missed: {n} waited in vain for the {role}'s confirmation (the worst role in {teams} team(s)).",
        "联合行动错过：有 {n} 项在等{role}确认而没有等到（在 {teams} 个队里最为薄弱）。",
    ),
    "debrief.bn.uncovered": (
        "People not reached: over all teams, the {role} did not meet {n} of the {m} people it is there to reach ({share}; the worst role in {teams} team(s)).",
        "该见的人没见到：{role}应接触的 {m} 人次中有 {n} 人次没有见到（{share}；在 {teams} 个队里最为薄弱）。",
    ),
    "debrief.bn.checks": (
        "The customer's checks: the {role} failed {n} time(s) (in {teams} team(s)).",
        "客户检验：{role}共 {n} 次未通过（涉及 {teams} 个队）。",
    ),
    "debrief.bn.lesson.am": (
        "Lesson: the account manager owns the whole committee; plan the coverage first, then bring in the specialists where they count.",
        "启示：客户经理对整个决策链负责；先规划覆盖，再把专业同事派到关键的地方。",
    ),
    "debrief.bn.lesson.presales": (
        "Lesson: pre-sales should meet the technical people early and talk about their needs, not only the product.",
        "启示：售前要尽早和技术部门的人见面，谈他们的需求，而不只是讲产品。",
    ),
    "debrief.bn.lesson.pm": (
        "Lesson: brief the project manager early and let them meet the users before the customer asks who will run the implementation.",
        "启示：尽早让项目经理了解项目并去见使用部门，别等客户问起“谁来负责实施”才临时应对。",
    ),
    "debrief.bn.lesson.executive": (
        "Lesson: plan the executive's days for the decision makers at the right moment; executive days left unused are access lost.",
        "启示：在合适的时机安排高层去见决策者；高层的人天闲置，就是错过了见面的机会。",
    ),
    "debrief.bn.col.role": ("Role", "角色"),
    "debrief.bn.col.unspent": ("Days unspent", "闲置人天"),
    "debrief.bn.col.missed": ("Joint actions missed", "错过的联合行动"),
    "debrief.bn.col.uncovered": ("People not reached", "没见到的人"),
    "debrief.bn.col.checks": ("Checks failed", "检验未通过"),
    "debrief.bn.col.worst": ("Worst in", "最薄弱次数"),
    "debrief.bn.per_team": ("The weakest role of each team, measure by measure", "各队在各项指标上最薄弱的角色"),
    "debrief.cf.summary": (
        "{k} of {n} team(s) forecast; mean Brier score {brier} (the model's line at the same turns: {model}); {over} over-confident, {under} under-confident, {even} in line with the model.",
        "{n} 个队中有 {k} 个做了预测；平均布里尔分数 {brier}（模型在相同回合：{model}）；{over} 个过于自信，{under} 个信心不足，{even} 个与模型基本一致。",
    ),
    "debrief.cf.none": ("No team recorded forecasts.", "没有队伍记录预测。"),
    "debrief.cf.col.forecasts": ("Forecasts", "预测次数"),
    "debrief.cf.col.brier": ("Brier", "布里尔分数"),
    "debrief.cf.col.model": ("Model's Brier", "模型的布里尔分数"),
    "debrief.cf.col.gap": ("Gap to model", "与模型的均方差"),
    "debrief.cf.col.lean": ("Confidence", "信心"),
    "debrief.cf.col.price": ("Price vs bid", "预测价与报价"),
    "debrief.cf.lean.over": ("over-confident", "过于自信"),
    "debrief.cf.lean.under": ("under-confident", "信心不足"),
    "debrief.cf.lean.even": ("in line", "基本一致"),
    # -- the report's team tables
    "debrief.tw.col.role": ("Role", "角色"),
    "debrief.tw.col.holders": ("Held by", "担任者"),
    "debrief.tw.col.days": ("Days used / available", "已用 / 可用人天"),
    "debrief.tw.col.unspent": ("Unspent", "闲置"),
    "debrief.tw.col.joint_done": ("Joint done", "联合行动完成"),
    "debrief.tw.col.joint_missed": ("Joint missed", "联合行动错过"),
    "debrief.tw.col.met": ("People met (to reach)", "见到的人（应见）"),
    "debrief.tw.col.checks": ("Customer's checks", "客户检验"),
    "debrief.tw.col.member": ("Member", "成员"),
    "debrief.tw.col.roles": ("Roles", "角色"),
    "debrief.tw.col.proposed": ("Proposed", "提议"),
    "debrief.tw.col.counted": ("Counted", "生效"),
    "debrief.tw.col.missed": ("Missed", "错过"),
    "debrief.tw.col.confirmed": ("Confirmed", "确认他人"),
    "debrief.tw.col.member_days": ("Days", "人天"),
    "debrief.tw.col.forecasts": ("Forecasts", "预测"),
    "debrief.tw.col.turn": ("Turn", "回合"),
    "debrief.tw.col.action": ("Action", "行动"),
    "debrief.tw.col.person": ("With", "对象"),
    "debrief.tw.col.by": ("Proposed by", "提议人"),
    "debrief.tw.col.status": ("Confirmed", "确认"),
    "debrief.tw.per_turn": ("Days used per turn (used / available)", "每回合用掉的人天（已用 / 可用）"),
    "debrief.tw.members_head": ("Members", "成员"),
    "debrief.tw.missed_mark": ("missed: the {roles} did not confirm", "错过：{roles}没有确认"),
    "debrief.tw.by_self": ("both roles", "一人兼任两角色"),
    "debrief.tw.none_joint": ("No joint actions.", "没有联合行动。"),
    "debrief.peer.col.reviewer": ("Reviewer", "评价人"),
    "debrief.peer.col.mean": ("Mean received", "所得平均分"),
    "debrief.peer.scale": (
        "Each member rated each teammate's contribution from 1 (little) to 5 (a great deal). Do not show this page to the teams.",
        "每位成员按 1（贡献很少）到 5（贡献很大）给每位队友的贡献打分。请勿向学员展示本页内容。",
    ),
    # -- the forecast chart
    "debrief.chart.fc_title": ("Your forecasts against the model (Brier {brier})", "你们的预测与模型对比（布里尔分数 {brier}）"),
    "debrief.chart.fc_title_plain": ("Your forecasts against the model", "你们的预测与模型对比"),
    "debrief.chart.fc_model": ("model's win chance", "模型的胜率"),
    "debrief.chart.fc_yours": ("your forecast", "你们的预测"),
    "debrief.chart.fc_bid": ("bid", "投标"),
    # -- team selling at one keyboard (game/terminal/team.py, game/ui, game/present/crew.py)
    # -- roles and members -------------------------------------------------------------------
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
    "crewt.forecast_last": ("Your last forecast (turn {turn}): {forecast}.", "上一次的预测（第 {turn} 回合）：{forecast}。"),
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
