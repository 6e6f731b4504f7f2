"""Study material for every demo course, in English and Chinese: what a person reads before the exam.

``MATERIALS[course code]`` is a list of (title, title in Chinese, text, text in Chinese). The texts are
plain paragraphs and lists (a blank line between paragraphs), written for the demo company's offices.
"""

FIRE_PREVENTION_EN = """\
Most office fires start small: an overloaded power strip, a kettle left on, a waste-paper bin, a phone \
charger on a cushion. Every one of us can stop them before they start.

Every day
- One appliance per socket. Never plug one power strip into another ("daisy-chaining").
- Switch off kettles, microwaves and coffee machines after use. Heaters and other appliances over 1,000 W \
need an approved high-power appliance request.
- Keep paper, boxes and rubbish away from sockets, lamps and the printer.
- Smoking is allowed only in the marked area outside the building.
- Report a warm plug, a burning smell, a damaged cable or a blocked exit as a hazard in Anquan at once.

Know your floor
- Where the two nearest exits and the stairs are (the lifts are never used in a fire).
- Where the nearest fire extinguisher, hydrant cabinet and manual call point ("break glass") are.
- Who the evacuation wardens of your area are (see the notice board).

If you discover a fire
1. Shout "Fire!" to warn the people around you.
2. Press the nearest manual call point.
3. Call 119, then the building's fire control room (ext. 8119). Give the address, floor, what is \
burning and whether anyone is trapped.
4. Fight the fire only if it is small (no bigger than a waste-paper bin), you have the right extinguisher, \
and your way out is behind you. If in doubt, get out.

Using an extinguisher: P-A-S-S
1. Pull the pin.
2. Aim the nozzle at the base of the flames, from about 2 to 3 metres.
3. Squeeze the handle.
4. Sweep from side to side until the fire is out; watch it does not restart.

Which extinguisher
- Dry powder (ABC, red with a white label): paper, wood, plastics and electrical equipment; our offices \
have one every 20 metres.
- Carbon dioxide (CO2, black label): electrical equipment and server rooms; do not hold the horn, it \
freezes.
- Never use water on electrical equipment or burning oil.
"""

FIRE_PREVENTION_ZH = """\
大多数办公室火灾都是从小事开始的：插线板过载、电水壶忘记断电、废纸篓起火、手机充电器放在坐垫上。每个人都可以把火灾消灭在萌芽状态。

日常要求
- 一个插座只接一个电器，严禁插线板串接。
- 电水壶、微波炉、咖啡机用后及时断电。取暖器及功率 1000 瓦以上的电器须先提交大功率电器使用申请并获批准。
- 纸张、纸箱和垃圾远离插座、灯具和打印机。
- 只能在楼外指定吸烟区吸烟。
- 发现插头发热、有焦糊味、线缆破损或安全出口被堵，立即在安全管理系统中上报隐患。

熟悉所在楼层
- 离你最近的两个安全出口和楼梯在哪里（火灾时严禁乘坐电梯）。
- 最近的灭火器、消火栓箱和手动火灾报警按钮在哪里。
- 本区域的疏散引导员是谁（见公告栏）。

发现火情时
1. 大声呼喊“着火了！”提醒周围人员。
2. 按下最近的手动火灾报警按钮。
3. 拨打 119，再拨打大楼消防控制室（分机 8119），说清地址、楼层、燃烧物以及是否有人被困。
4. 只有在火势很小（不超过一个废纸篓大小）、手边有合适的灭火器、且身后有退路时才可扑救。没有把握就立即撤离。

灭火器使用口诀：拔、瞄、压、扫
1. 拔：拔掉保险销。
2. 瞄：在距火源约 2 至 3 米处，喷嘴对准火焰根部。
3. 压：用力压下压把。
4. 扫：左右扫射直至火焰熄灭，并注意防止复燃。

灭火器的选择
- 干粉灭火器（ABC 类，红色瓶身白色标签）：适用于纸张、木材、塑料及电气设备火灾；办公区每 20 米配置一具。
- 二氧化碳灭火器（黑色标签）：适用于电气设备和机房；使用时不要握住喷筒，以免冻伤。
- 电气设备和油类着火严禁用水扑救。
"""

EVACUATION_EN = """\
When the alarm sounds, everyone leaves the building, every time, including during drills. Do not wait to \
see whether it is real.

How to leave
1. Stop the call politely ("Sorry, we have an emergency, we will call you back"), lock your screen and \
leave your things.
2. Walk to the nearest safe exit; if it is blocked or full of smoke, use the other one.
3. Take the stairs, never the lift. Keep to the right so firefighters can come up.
4. In smoke, stay low where the air is clearer and cover your nose and mouth with a damp cloth.
5. Close doors behind you (do not lock them): a closed door holds back fire and smoke.
6. Touch a closed door with the back of your hand before opening it; if it is hot, use another way.

Assembly point
- Shanghai office: the square in front of the main entrance of Antai Tower, facing Zhangjiang Road.
- Hefei contact centre: the car park east of Building 1.
- Go straight to your team's sign and report to your team leader. Team leaders count their people and \
report to the evacuation warden; the warden reports to the incident commander.
- Never go back into the building until the incident commander or the fire brigade says it is safe.

Helping others
- Visitors leave with their host. Colleagues with reduced mobility have a named helper; the warden knows \
who they are.
- If someone is missing, tell the warden where you last saw them; do not go back to look for them.

If you are trapped
- Close the door, seal the gaps with wet cloth, call 119 and tell them where you are.
- Signal at a window with a light-coloured cloth or a torch.
"""

EVACUATION_ZH = """\
火灾报警响起时，所有人员必须撤离大楼，演练时也一样。不要等待确认是否真的着火。

如何撤离
1. 礼貌结束通话（“抱歉，我们这里有紧急情况，稍后给您回电”），锁定电脑屏幕，不要携带个人物品。
2. 走向最近的安全出口；如出口被堵或烟雾较大，改走另一个出口。
3. 走楼梯，严禁乘坐电梯。靠右行走，为消防员留出通道。
4. 遇到烟雾时，弯腰低姿前进，用湿毛巾捂住口鼻。
5. 随手关门（不要上锁），关闭的门能阻挡火势和烟雾。
6. 开门前先用手背试门的温度，门很烫就改走其他路线。

集合点
- 上海办公区：安泰大厦正门前广场（张江路一侧）。
- 合肥呼叫中心：1 号楼东侧停车场。
- 到达后直接找到本班组的标识牌，向班组长报到。班组长清点人数后报告疏散引导员，疏散引导员再报告现场总指挥。
- 在现场总指挥或消防救援人员宣布安全之前，任何人不得返回大楼。

帮助他人
- 访客由接待人陪同撤离。行动不便的同事有指定的协助人，疏散引导员掌握名单。
- 发现有人未到，告诉疏散引导员最后在哪里见过他，不要自行返回寻找。

如果被困
- 关好房门，用湿布堵住门缝，拨打 119 说明自己的位置。
- 在窗口用浅色布或手电筒发出求救信号。
"""

INFOSEC_EN = """\
Our customers trust us with their names, phone numbers, addresses and account details. Protecting them is \
part of every agent's job, and the law requires it (PRC Personal Information Protection Law).

Customer data
- Look up a customer's data only to serve that customer, in the systems provided.
- Never copy customer data to personal phones, chat apps, private e-mail or USB drives.
- Read out only what is needed to verify the caller; never give data to a third party on the phone.
- Printouts with customer data go into the locked shredding box, never the waste-paper bin.

Your desk and screen
- Lock your screen whenever you leave your desk (Windows key + L).
- Leave nothing with customer data on your desk at the end of the shift (clean desk).
- Do not let anyone photograph your screen.

Passwords
- At least 12 characters; a short sentence is easy to remember and hard to guess.
- One password per system; never reuse your work password elsewhere.
- Never tell anyone your password, not even IT: IT will never ask for it.

Phishing
- Be suspicious of e-mails that are urgent, threaten, promise money or ask you to sign in or open an \
attachment.
- Check the sender's real address and hover over links before clicking.
- Report a suspicious e-mail with the "Report phishing" button; if you clicked or opened something, call \
the IT help desk (ext. 8000) at once. Reporting quickly is what counts; nobody is blamed for reporting.

Devices
- Only company devices connect to the office network; personal USB drives are blocked.
- Lost a badge, a laptop or a headset with saved settings? Report it the same day.
"""

INFOSEC_ZH = """\
客户把姓名、电话、地址和账户信息托付给我们。保护这些信息是每位坐席人员的职责，也是法律的要求（《中华人民共和国个人信息保护法》）。

客户数据
- 只为服务该客户、在公司提供的系统中查询客户数据。
- 严禁将客户数据复制到个人手机、聊天软件、私人邮箱或 U 盘。
- 只读出核实来电者身份所必需的信息；不得在电话中向第三方提供客户数据。
- 含客户数据的打印件放入带锁的文件粉碎箱，不得扔进废纸篓。

工位与屏幕
- 离开工位时随手锁屏（Windows 键 + L）。
- 下班时桌面不留任何含客户数据的材料（清洁桌面）。
- 不允许任何人拍摄你的屏幕。

密码
- 至少 12 位；用一句短句作密码，好记又难猜。
- 每个系统使用不同的密码，工作密码不得用于其他地方。
- 不要把密码告诉任何人，包括 IT 人员：IT 永远不会向你索要密码。

钓鱼邮件
- 对内容紧急、带有威胁、许诺金钱、要求登录或打开附件的邮件保持警惕。
- 核对发件人的真实地址，点击链接前先把鼠标悬停查看真实网址。
- 用“报告钓鱼邮件”按钮上报可疑邮件；如果已经点击或打开，\
立即致电 IT 服务台（分机 8000）。及时报告最重要，报告的人不会受到责备。

设备
- 只有公司设备可以接入办公网络；个人 U 盘已被禁用。
- 工牌、笔记本电脑或保存了设置的耳机丢失，须当天报告。
"""

MATERIALS = {
    "induction-fire": [
        ("Fire safety in our offices", "办公场所消防安全须知", FIRE_PREVENTION_EN, FIRE_PREVENTION_ZH),
        ("Evacuation: routes, assembly points and roles", "疏散：路线、集合点与职责", EVACUATION_EN, EVACUATION_ZH),
    ],
    "induction-infosec": [
        ("Information security basics", "信息安全基础知识", INFOSEC_EN, INFOSEC_ZH),
    ],
    "agent-workstation": [
        (
            "Safe and healthy at the workstation",
            "坐席岗位安全与健康",
            """\
Posture
- Adjust the chair so your feet are flat on the floor and your thighs level; the top of the screen at eye \
height, an arm's length away.
- Keep wrists straight when typing; use the keyboard's feet only if that keeps them straight.

Headset and hearing
- Keep the volume as low as you can still hear clearly; the headset's limiter protects against sudden loud \
noise (acoustic shock). If a call carries a loud tone, take the headset off and report it to your team \
leader.
- Use your own ear cushions; clean the headset with the wipes provided.

Breaks and your voice
- Take the scheduled 10-minute break every two hours and look into the distance to rest your eyes.
- Drink water during the shift; do not clear your throat hard, sip instead.

Abusive callers
1. Warn the caller once, calmly: "I want to help you, but I cannot continue if you use that language."
2. If it continues, tell the caller you are ending the call, end it and mark the call "abusive".
3. Tell your team leader; take a short break before the next call. Threats of violence are reported to the \
safety officer the same day.
""",
            """\
坐姿
- 调整座椅高度，使双脚平放地面、大腿保持水平；屏幕上沿与视线平齐，距离约一臂长。
- 打字时保持手腕平直；只有在能让手腕平直时才使用键盘支脚。

耳机与听力
- 音量调到能听清的最低水平；耳机的限幅器可防止突发强噪声（声冲击）。通话中如出现刺耳声音，立即摘下耳机并报告班组长。
- 使用个人专用耳罩，并用配发的湿巾清洁耳机。

休息与嗓音保护
- 每两小时按排班休息 10 分钟，休息时远眺放松眼睛。
- 工作中多喝水；不要用力清嗓，小口喝水代替。

骚扰来电的处理
1. 平静地警告一次：“我很想帮您，但如果您继续使用这样的语言，我将无法继续通话。”
2. 如对方继续，告知对方将结束通话，然后挂断，并将该通话标记为“骚扰来电”。
3. 报告班组长，在接听下一个电话前稍作休息。涉及暴力威胁的，须当天报告安全管理员。
""",
        )
    ],
    "extinguisher-practice": [
        (
            "Before the practice session",
            "实操训练前须知",
            """\
The practice takes place in the car park behind the building, led by the safety officer, with real \
extinguishers and a gas fire tray.

- Wear closed shoes and clothes you do not mind getting dusty; tie back long hair.
- Read "Fire safety in our offices" (induction course) again: P-A-S-S and which extinguisher for which fire.
- Each person puts out the tray fire once with a dry-powder extinguisher and once with a CO2 extinguisher.
- Stand with the wind at your back; stop at once when the safety officer says "Stop".
- After the practice, each person leads the group's evacuation walk from their desk to the assembly point.
""",
            """\
实操训练在大楼后方停车场进行，由安全管理员带领，使用真实灭火器和燃气火盘。

- 穿不露脚趾的鞋和耐脏的衣服；长发需扎起。
- 复习入职培训中的《办公场所消防安全须知》：拔、瞄、压、扫，以及不同火灾选用哪种灭火器。
- 每人分别用干粉灭火器和二氧化碳灭火器各扑灭一次火盘火。
- 站在上风方向；安全管理员喊“停”时立即停止。
- 实操结束后，每人带领小组从自己的工位走到集合点，完成一次疏散路线演练。
""",
        )
    ],
    "safety-law": [
        (
            "Duties of a department head under the Work Safety Law",
            "《安全生产法》规定的部门负责人安全职责",
            """\
The PRC Work Safety Law makes safety part of running any business: whoever manages an activity manages \
its safety ("managing the business means managing its safety"). In our company each department head \
answers for safety in their department, as set out in their responsibility statement.

What a department head does
1. Knows the hazards of the department's work and places, and keeps the department's part of the \
inspection plan.
2. Makes sure every member has the training their post requires before they start work, and keeps it \
current.
3. Plans and checks the rectification of hazards in the department, and signs off a rectification only \
after checking it on site.
4. Reports incidents at once and supports the investigation; carries out the corrective actions.
5. Takes part in drills and knows the department's role in the contingency plans.

Consequences
The law holds the person in charge personally responsible when duties are neglected: warnings, fines and, \
where an accident results, removal from the post or criminal liability.
""",
            """\
《中华人民共和国安全生产法》要求“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”，安全生产是经营管理的组成部分。在本公司，各部门负责人对本部门的安全生产负责，具体职责以安全生产责任书为准。

部门负责人的职责
1. 掌握本部门作业和场所的危险有害因素，落实检查计划中由本部门承担的部分。
2. 确保每位员工在上岗前完成岗位要求的培训，并保持有效。
3. 组织并督促本部门隐患的整改，只有经现场复查后才签字确认。
4. 发生事故及时报告并配合调查，落实纠正措施。
5. 参加应急演练，熟悉本部门在应急预案中的职责。

法律责任
对未履行安全生产管理职责的负责人，法律规定了警告、罚款等处罚；导致事故发生的，还可能被撤职或依法追究刑事责任。
""",
        )
    ],
    "case-2023-fire": [
        (
            "The 2023 pantry fire: what happened and what we changed",
            "2023 年茶水间火情：经过与整改",
            """\
What happened
On a Friday evening in 2023 a toaster in the 5th-floor pantry was left on after the night shift's break. \
A paper bag next to it caught fire; the smoke detector raised the alarm at 19:42. An agent on the night \
shift put the fire out with the pantry's dry-powder extinguisher within two minutes and the floor was \
evacuated. Nobody was hurt; the cabinet and the wall were damaged.

Why it happened
- The toaster had no automatic switch-off and was not on the list of approved appliances.
- Packaging and paper bags were kept on the counter next to the appliances.
- Nobody was responsible for checking the pantry at the end of a shift.

What we changed
1. Only approved appliances with automatic switch-off are allowed in pantries (high-power appliance \
requests).
2. Nothing combustible within 50 cm of a heating appliance; a marked zone on the counter.
3. The last team leader of each shift checks the pantry and switches everything off (shift checklist).
4. The agent who acted was commended; every agent now practises with an extinguisher once a year.
""",
            """\
事件经过
2023 年某个周五晚上，五层茶水间的多士炉在夜班休息后未断电。旁边的纸袋被引燃，19:42 烟感探测器报警。\
一名夜班坐席人员用茶水间的干粉灭火器在两分钟内将火扑灭，所在楼层人员全部疏散。无人受伤，橱柜和墙面受损。

原因分析
- 多士炉没有自动断电功能，也不在批准使用的电器清单中。
- 包装材料和纸袋堆放在电器旁的台面上。
- 没有人负责在交班时检查茶水间。

整改措施
1. 茶水间只允许使用经批准、具有自动断电功能的电器（须提交大功率电器使用申请）。
2. 加热电器周围 50 厘米内不得存放可燃物，台面划定警示区域。
3. 每个班次最后离开的班组长负责检查茶水间并切断电源（纳入交接班检查表）。
4. 对及时处置的坐席人员给予表扬；所有坐席人员每年进行一次灭火器实操训练。
""",
        )
    ],
}
