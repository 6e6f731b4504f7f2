"""Real question banks for the demo (bilingual): fire safety and information security.

Each entry: (kind, English, Chinese, [(answer English, answer Chinese, correct), ...]).
"""

S, M, TF = "single", "multiple", "true_false"
T = ("True", "正确")
F = ("False", "错误")


def tf(en, zh, truth):
    return (TF, en, zh, [(*T, truth), (*F, not truth)])


FIRE = [
    (
        S,
        "What is the fire emergency number in mainland China?",
        "中国大陆的火警电话是多少？",
        [("119", "119", True), ("110", "110", False), ("120", "120", False), ("122", "122", False)],
    ),
    (
        S,
        "What does the acronym PASS stand for when using a fire extinguisher?",
        "使用灭火器的 PASS 口诀指什么？",
        [
            ("Pull, Aim, Squeeze, Sweep", "拔销、瞄准、压把、扫射", True),
            ("Push, Alarm, Spray, Stop", "按压、报警、喷射、停止", False),
            ("Pull, Alert, Shake, Spray", "拔销、警告、摇晃、喷射", False),
        ],
    ),
    (
        S,
        "Where should you aim a fire extinguisher?",
        "灭火器应对准火焰的哪个部位？",
        [
            ("At the base of the flames", "火焰根部", True),
            ("At the top of the flames", "火焰顶部", False),
            ("At the smoke", "烟雾", False),
            ("Above the fire", "火焰上方", False),
        ],
    ),
    (
        S,
        "Which extinguisher suits an electrical fire in a server room?",
        "机房电气火灾应选用哪种灭火器？",
        [
            ("Carbon dioxide (CO2)", "二氧化碳灭火器", True),
            ("Water", "清水灭火器", False),
            ("Foam", "泡沫灭火器", False),
            ("A wet blanket", "湿毯子", False),
        ],
    ),
    (
        S,
        "When the fire alarm sounds, what do you do first?",
        "火警警报响起时，首先应该做什么？",
        [
            ("Stop work and evacuate by the nearest safe exit", "停止工作，从最近的安全出口疏散", True),
            ("Finish the current customer call", "先完成当前客户通话", False),
            ("Take the lift to the ground floor", "乘电梯到一楼", False),
            ("Wait for your manager's instruction at your desk", "在工位等待主管指示", False),
        ],
    ),
    tf("Lifts may be used to evacuate during a fire.", "火灾时可以乘坐电梯疏散。", False),
    (
        S,
        "How should you move through a smoke-filled corridor?",
        "穿越充满烟雾的走廊时应如何行进？",
        [
            ("Low, close to the floor, covering nose and mouth", "弯腰低姿，用湿毛巾捂住口鼻", True),
            ("Upright and running", "直立奔跑", False),
            ("Backwards", "倒退行走", False),
        ],
    ),
    tf("Fire doors may be wedged open in summer for ventilation.", "夏天为了通风可以用物品顶住防火门。", False),
    (
        M,
        "Which of these are fire hazards in an office? (choose all)",
        "以下哪些属于办公室火灾隐患？（多选）",
        [
            ("Daisy-chained power strips", "插线板串联使用", True),
            ("Boxes stored in the stairwell", "楼梯间堆放纸箱", True),
            ("Smoking in the toilets", "在卫生间吸烟", True),
            ("A closed fire door", "关闭的防火门", False),
        ],
    ),
    (
        S,
        "Where do you go after leaving the building?",
        "撤离建筑后应前往哪里？",
        [
            ("The assembly point, to be counted", "集合点，清点人数", True),
            ("Home", "回家", False),
            ("Back inside for belongings", "返回取个人物品", False),
            ("The car park exit", "停车场出口", False),
        ],
    ),
    tf(
        "You should feel a closed door with the back of your hand before opening it in a fire.",
        "火灾中开门前，应先用手背试探门的温度。",
        True,
    ),
    (
        S,
        "How often must portable extinguishers be checked at our company?",
        "本公司手提式灭火器多久检查一次？",
        [("Monthly", "每月", True), ("Every five years", "每五年", False), ("Only after use", "仅在使用后", False)],
    ),
    (
        S,
        "If your clothes catch fire, what do you do?",
        "衣服着火时应怎么做？",
        [
            ("Stop, drop and roll", "停下、躺倒、打滚", True),
            ("Run to find water", "跑去找水", False),
            ("Fan the flames with your hands", "用手扇灭火焰", False),
        ],
    ),
    (
        M,
        "Which are correct uses of the fire-exit routes? (choose all)",
        "以下关于消防通道的说法哪些正确？（多选）",
        [
            ("Kept clear at all times", "始终保持畅通", True),
            ("Exit signs lit", "疏散指示标志保持常亮", True),
            ("Used as temporary storage during moves", "搬迁时可临时堆放物品", False),
            ("Locked at night from the inside only so they open outwards", "夜间仅从内侧可开启，确保向外疏散", True),
        ],
    ),
    tf(
        "A fire extinguisher whose gauge needle is in the red zone is ready for use.",
        "压力表指针在红区的灭火器可以正常使用。",
        False,
    ),
    (
        S,
        "Who may switch off the main power during a fire?",
        "发生火灾时谁可以切断总电源？",
        [
            (
                "Trained staff or the fire-control room, following the plan",
                "按预案由经过培训的人员或消防控制室操作",
                True,
            ),
            ("Anyone, by pulling cables", "任何人都可以拔电缆", False),
            ("Nobody, ever", "任何人都不可以", False),
        ],
    ),
    (
        S,
        "What is the first step of R-A-C-E when you discover a fire?",
        "发现火情时 R-A-C-E 原则的第一步是什么？",
        [
            ("Rescue people in immediate danger", "救助处于危险中的人员", True),
            ("Extinguish", "灭火", False),
            ("Call your family", "给家人打电话", False),
        ],
    ),
    tf(
        "Heaters and kettles may be left on when everybody leaves the office.",
        "下班离开办公室时可以不关电暖器和水壶。",
        False,
    ),
    (
        S,
        "What class of fire involves burning paper and wood?",
        "纸张和木材燃烧属于哪类火灾？",
        [
            ("Class A", "A 类火灾", True),
            ("Class B", "B 类火灾", False),
            ("Class C", "C 类火灾", False),
            ("Class E", "E 类火灾", False),
        ],
    ),
    (
        M,
        "What must you report to the safety officer? (choose all)",
        "以下哪些情况需要报告安全管理员？（多选）",
        [
            ("A missing extinguisher", "灭火器缺失", True),
            ("A blocked fire exit", "消防通道被堵塞", True),
            ("A burning smell from a socket", "插座有焦糊味", True),
            ("A colleague's birthday", "同事过生日", False),
        ],
    ),
    tf("During a drill you may stay at your desk if you are busy.", "演练时如果工作繁忙可以留在工位。", False),
    (
        S,
        "How many seconds of discharge does a typical 4 kg powder extinguisher give?",
        "一具 4 公斤干粉灭火器的喷射时间大约是多少？",
        [
            ("About 10–15 seconds", "约 10–15 秒", True),
            ("About 2 minutes", "约 2 分钟", False),
            ("About 1 second", "约 1 秒", False),
        ],
    ),
]

INFOSEC = [
    (
        S,
        "You receive an e-mail asking you to 'verify your password' through a link. What do you do?",
        "收到要求通过链接“验证密码”的邮件，应该怎么做？",
        [
            ("Report it as phishing and do not click", "不点击，按钓鱼邮件上报", True),
            ("Click and check", "点击看看", False),
            ("Forward it to colleagues", "转发给同事", False),
        ],
    ),
    (
        S,
        "Which password is strongest?",
        "以下哪个密码最安全？",
        [
            ("A long passphrase with mixed characters", "包含多种字符的长口令短语", True),
            ("123456", "123456", False),
            ("Your employee number", "你的工号", False),
            ("Password2024", "Password2024", False),
        ],
    ),
    tf("You may share your account with a colleague covering your shift.", "同事替班时可以共用你的账号。", False),
    (
        M,
        "Which are customer personal data? (choose all)",
        "以下哪些属于客户个人信息？（多选）",
        [
            ("Phone number", "电话号码", True),
            ("ID card number", "身份证号", True),
            ("Home address", "家庭住址", True),
            ("The weather today", "今天的天气", False),
        ],
    ),
    (
        S,
        "What do you do when leaving your desk?",
        "离开工位时应该怎么做？",
        [
            ("Lock the screen (Win+L)", "锁定屏幕（Win+L）", True),
            ("Turn off the monitor only", "只关闭显示器", False),
            ("Nothing, it locks itself after an hour", "什么都不用做，一小时后自动锁定", False),
        ],
    ),
    tf(
        "Customer data may be copied to a personal USB stick to work from home.",
        "可以把客户数据拷贝到个人 U 盘带回家办公。",
        False,
    ),
    (
        S,
        "Who may install software on a company computer?",
        "谁可以在公司电脑上安装软件？",
        [
            ("IT, with licensed software only", "IT 部门，且只能安装正版授权软件", True),
            ("Anyone", "任何人", False),
            ("Anyone, if it is free", "只要免费任何人都可以", False),
        ],
    ),
    (
        S,
        "A caller claims to be from IT and asks for your one-time code. What do you do?",
        "来电者自称 IT 人员并索要你的一次性验证码，怎么办？",
        [
            ("Refuse and report it", "拒绝并上报", True),
            ("Give it, IT needs it", "告诉对方，IT 需要", False),
            ("Give half of it", "只告诉一半", False),
        ],
    ),
    tf(
        "Recording a customer's bank card number in a personal notebook is acceptable if you tear out the page later.",
        "把客户银行卡号记在个人笔记本上，事后撕掉即可。",
        False,
    ),
    (
        M,
        "Which are signs of a phishing e-mail? (choose all)",
        "以下哪些是钓鱼邮件的特征？（多选）",
        [
            ("Urgent threats", "紧急威胁语气", True),
            ("A sender domain that is slightly wrong", "发件人域名略有差异", True),
            ("Unexpected attachments", "意外的附件", True),
            ("Your manager's usual signature", "主管常用的签名", False),
        ],
    ),
    (
        S,
        "How should paper with customer data be disposed of?",
        "含有客户信息的纸张应如何处理？",
        [
            ("In the locked shredding bin", "放入带锁的碎纸箱", True),
            ("In the recycling bin", "放入回收箱", False),
            ("Taken home", "带回家", False),
        ],
    ),
    tf("Backups are useful only if restoring them is tested.", "只有经过恢复测试的备份才真正有效。", True),
    (
        S,
        "What do you do if you think your account is compromised?",
        "怀疑账号被盗用时应怎么做？",
        [
            ("Report to IT at once and change the password", "立即报告 IT 并修改密码", True),
            ("Wait and see", "观望", False),
            ("Create a new account yourself", "自行注册新账号", False),
        ],
    ),
    (
        S,
        "Which network may a company laptop use in a café?",
        "在咖啡馆，公司笔记本应使用什么网络？",
        [
            ("The company VPN over any network", "任何网络下都通过公司 VPN 连接", True),
            ("Open Wi-Fi without VPN", "不使用 VPN 直接连接公共 Wi-Fi", False),
            ("None, ever", "任何网络都不能用", False),
        ],
    ),
    tf(
        "Customer data may be pasted into a public AI chatbot to summarise a complaint.",
        "可以把客户数据粘贴到公共 AI 聊天工具里总结投诉。",
        False,
    ),
    (
        M,
        "What is least privilege? (choose all that apply)",
        "关于“最小权限”原则，以下哪些正确？（多选）",
        [
            ("Access only to what your job needs", "只授予工作所需的访问权限", True),
            ("Access removed when you change post", "调岗后及时回收权限", True),
            ("Admin rights for everyone to save time", "为节省时间给所有人管理员权限", False),
        ],
    ),
    (
        S,
        "How often must you change your password if it may have leaked?",
        "密码可能泄露时应何时修改？",
        [
            ("Immediately", "立即", True),
            ("At the next quarterly change", "等下次季度更换", False),
            ("Never", "无需修改", False),
        ],
    ),
    tf(
        "Visitors may use an unattended agent workstation to check their e-mail.",
        "访客可以使用无人值守的坐席电脑查看邮件。",
        False,
    ),
    (
        S,
        "Where may call recordings be stored?",
        "通话录音可以存放在哪里？",
        [
            ("Only in the approved recording system", "只能存放在经批准的录音系统中", True),
            ("On the desktop", "电脑桌面", False),
            ("In a personal cloud drive", "个人网盘", False),
        ],
    ),
    (
        S,
        "Which is a safe way to send a customer file to a partner?",
        "向合作方发送客户文件的安全方式是？",
        [
            ("The approved encrypted transfer channel", "经批准的加密传输通道", True),
            ("Personal webmail", "个人邮箱", False),
            ("A public file-sharing link", "公开的文件分享链接", False),
        ],
    ),
    tf("A found USB stick should be plugged in to find its owner.", "捡到的 U 盘应插到电脑上查看失主信息。", False),
]

AGENT = [
    tf("Adjust your chair so your feet rest flat on the floor.", "调整座椅高度，使双脚平放在地面上。", True),
    (
        S,
        "How often should agents take a short screen break?",
        "坐席人员应多久进行一次短暂的屏幕休息？",
        [("About every hour", "大约每小时一次", True), ("Once a shift", "每班一次", False), ("Never", "从不", False)],
    ),
    (
        S,
        "What volume should your headset be set to?",
        "耳机音量应如何设置？",
        [("The lowest level at which you hear clearly", "能听清的最低音量", True), ("Maximum", "最大音量", False)],
    ),
    tf("Cables under the desk may run across the walkway.", "桌下线缆可以横穿过道。", False),
    (
        M,
        "What do you report to your team leader? (choose all)",
        "以下哪些情况应报告组长？（多选）",
        [
            ("A threatening caller", "来电者威胁", True),
            ("Ear pain from the headset", "耳机导致耳朵疼痛", True),
            ("A broken chair", "椅子损坏", True),
            ("A quiet shift", "话务量少", False),
        ],
    ),
]
