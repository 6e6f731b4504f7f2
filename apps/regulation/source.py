"""The regulation Anquan was designed from, clause by clause: 客服公司安全规范制度 (the safety
regulation of a customer-service company), shipped as the first edition of the company's regulation.

Source: ``shared/seed/000_5aa4319711395256.txt``, a scraped web page in traditional characters; the
regulation body is its long paragraph starting 客服公司安全規範制度. It is given here in simplified
characters (converted character by character, full-width punctuation) with an English translation.
Notes on the source, kept in the data so that nobody mistakes them for the company's words:

- the scrape inserts pinyin after some characters (``規(guī)``); those insertions are removed;
- §4(二)4 is garbled in the scrape (``确保数据传输?shù)陌踩?``); it reads 确保数据传输的安全;
- §5 has no heading for its first part and §6 none for its fourth: the headings of R5.1 and R6.4
  are supplied (marked ``supplied``);
- the text ends mid-sentence in §8 (R8.1.2, ``奖金、晋…``): everything after it is missing
  (``truncated``), including the penalties part R8.2 that such rules usually have.

Each row: ``(ref, title_zh, title_en, text_zh, text_en)``; the parent of ``R7.3.2`` is ``R7.3``.
"""

EDITION = "2026"
TITLE_ZH = "客服公司安全规范制度"
TITLE_EN = "Safety regulation of the customer-service company"

# Clauses whose heading the source does not have (supplied by the editor).
SUPPLIED = {"R5.1", "R6.4"}
# The clause where the source text ends mid-sentence.
TRUNCATED = {"R8.1.2"}
# Clauses that state aims or principles: nothing is "done" to prove them, so they show no evidence status.
INFORMATIVE = {"R1", "R1.1", "R1.2", "R1.3", "R1.3.1", "R1.3.2", "R1.3.3", "R3.3.4", "R4.1.1"}

CLAUSES = [
    ("R1", "总则", "General provisions", "", ""),
    ("R1.1", "目的", "Purpose",
     "为加强客服公司的安全管理，保障公司运营的正常秩序，保护员工、客户及公司的财产安全，特制定本安全规范制度。",
     "This safety regulation is laid down to strengthen safety management in the customer-service company, keep "
     "its operations in good order, and protect the safety of employees and customers and the property of the "
     "company."),
    ("R1.2", "适用范围", "Scope",
     "本制度适用于公司全体员工、办公场所及相关业务活动。",
     "This regulation applies to all employees, all office premises and all related business activities of "
     "the company."),
    ("R1.3", "基本原则", "Basic principles", "", ""),
    ("R1.3.1", "", "",
     "安全第一原则：始终将安全放在首位，预防为主，综合治理，确保公司运营无安全事故。",
     "Safety first: always put safety first, with prevention as the main approach and comprehensive control, so "
     "that the company operates without safety accidents."),
    ("R1.3.2", "", "",
     "合规合法原则：严格遵守国家相关法律法规及行业标准，确保公司各项安全管理措施合法合规。",
     "Compliance: strictly observe the relevant national laws, regulations and industry standards, so that every "
     "safety-management measure of the company is lawful and compliant."),
    ("R1.3.3", "", "",
     "全员参与原则：安全管理人人有责，全体员工应积极参与安全工作，共同维护公司安全环境。",
     "Everyone takes part: safety is everyone's responsibility; all employees take an active part in safety work "
     "and together keep the company a safe place."),
    ("R2", "安全管理职责", "Safety-management responsibilities", "", ""),
    ("R2.1", "公司管理层职责", "Responsibilities of management", "", ""),
    ("R2.1.1", "", "",
     "制定公司安全管理战略和目标，确保安全工作与公司整体发展战略相契合。",
     "Set the company's safety-management strategy and objectives, in line with the company's overall "
     "development strategy."),
    ("R2.1.2", "", "",
     "审批安全管理制度、安全工作计划及安全预算，为安全工作提供必要的资源支持。",
     "Approve the safety rules, the safety work plan and the safety budget, and provide the resources safety "
     "work needs."),
    ("R2.1.3", "", "",
     "定期召开安全工作会议，听取安全工作汇报，协调解决安全工作中的重大问题。",
     "Hold safety meetings regularly, hear reports on safety work, and coordinate the solution of major problems."),
    ("R2.1.4", "", "",
     "对安全工作进行监督检查，对安全工作不力的部门或个人进行问责。",
     "Supervise and check safety work, and hold departments or individuals accountable when their safety work "
     "falls short."),
    ("R2.2", "安全管理部门职责", "Responsibilities of the safety-management department", "", ""),
    ("R2.2.1", "", "",
     "负责制定、修订和完善公司安全管理制度，并监督制度的执行情况。",
     "Draw up, revise and improve the company's safety rules, and supervise how they are carried out."),
    ("R2.2.2", "", "",
     "制定年度安全工作计划，组织实施各项安全措施，确保公司安全目标的实现。",
     "Draw up the annual safety work plan and organise the safety measures, so that the company's safety "
     "objectives are met."),
    ("R2.2.3", "", "",
     "开展安全培训和教育活动，提高员工的安全意识和安全技能。",
     "Run safety training and education to raise employees' safety awareness and skills."),
    ("R2.2.4", "", "",
     "定期进行安全检查和隐患排查，及时发现并整改安全隐患。",
     "Carry out safety inspections and hazard checks regularly; find hazards early and have them rectified."),
    ("R2.2.5", "", "",
     "负责安全事故的调查处理，统计分析安全事故数据，提出改进措施和建议。",
     "Investigate and deal with safety accidents, compile and analyse accident statistics, and propose "
     "improvements."),
    ("R2.2.6", "", "",
     "建立健全安全管理档案，包括安全制度文件、安全检查记录、安全培训资料、安全事故报告等。",
     "Keep a complete safety-management archive: safety rules, inspection records, training records, accident "
     "reports and the like."),
    ("R2.3", "各部门负责人职责", "Responsibilities of department heads", "", ""),
    ("R2.3.1", "", "",
     "负责本部门的安全管理工作，将安全责任落实到每个岗位和员工。",
     "Manage safety in their own department and give every post and every employee their share of the safety "
     "responsibility."),
    ("R2.3.2", "", "",
     "组织本部门员工学习安全管理制度，开展安全培训和教育活动，提高员工安全意识。",
     "Have the department's employees study the safety rules, run safety training and education, and raise "
     "their safety awareness."),
    ("R2.3.3", "", "",
     "定期对本部门办公区域进行安全检查，及时发现并整改安全隐患。",
     "Inspect the department's office areas regularly; find hazards early and have them rectified."),
    ("R2.3.4", "", "",
     "配合安全管理部门开展安全工作，及时报告本部门的安全情况和安全问题。",
     "Work with the safety-management department and report the department's safety situation and problems "
     "without delay."),
    ("R2.4", "员工职责", "Responsibilities of employees", "", ""),
    ("R2.4.1", "", "",
     "遵守公司安全管理制度，自觉接受安全培训和教育，提高自身安全意识和安全技能。",
     "Observe the company's safety rules, take part in safety training and education, and improve one's own "
     "safety awareness and skills."),
    ("R2.4.2", "", "",
     "积极参与公司安全工作，发现安全隐患及时报告，配合公司进行整改。",
     "Take an active part in safety work, report any hazard found at once, and help the company rectify it."),
    ("R2.4.3", "", "",
     "爱护公司安全设施和设备，正确使用和维护办公设备，确保设备安全运行。",
     "Take care of the company's safety facilities and equipment, use and look after office equipment properly, "
     "and keep it running safely."),
    ("R2.4.4", "", "",
     "在工作中严格遵守操作规程，避免因操作不当引发安全事故。",
     "Strictly follow the operating procedures at work, so that no accident is caused by improper operation."),
    ("R3", "办公场所安全", "Safety of the office premises", "", ""),
    ("R3.1", "消防安全", "Fire safety", "", ""),
    ("R3.1.1", "", "",
     "办公区域应配备足够数量的消防器材，如灭火器、消火栓等，并定期进行检查和维护，确保器材完好有效。",
     "Office areas have enough fire-fighting equipment, such as extinguishers and hydrants, checked and "
     "maintained regularly so that it is always in working order."),
    ("R3.1.2", "", "",
     "保持消防通道畅通无阻，严禁在消防通道内堆放杂物。",
     "Fire escape routes are kept clear; nothing may be stored in them."),
    ("R3.1.3", "", "",
     "严禁在办公区域内吸烟，如需吸烟应到指定的吸烟区。",
     "Smoking is forbidden in the office areas; smokers use the designated smoking area."),
    ("R3.1.4", "", "",
     "定期组织消防演练，提高员工的火灾应急处置能力。",
     "Fire drills are held regularly to improve employees' ability to respond to a fire."),
    ("R3.2", "电气安全", "Electrical safety", "", ""),
    ("R3.2.1", "", "",
     "电气设备的安装、使用应符合国家相关标准和规定，由专业人员进行操作。",
     "Electrical equipment is installed and used according to the relevant national standards and rules, and "
     "worked on by qualified people."),
    ("R3.2.2", "", "",
     "定期对电气设备进行检查和维护，确保设备正常运行，避免因电气故障引发火灾或触电事故。",
     "Electrical equipment is checked and maintained regularly so that it works properly and no fire or electric "
     "shock is caused by a fault."),
    ("R3.2.3", "", "",
     "严禁私拉乱接电线，严禁使用大功率电器设备，如需使用应经相关部门批准。",
     "Unauthorised wiring is forbidden, and so are high-power appliances unless the department concerned "
     "approves their use."),
    ("R3.2.4", "", "",
     "下班时应关闭办公区域内的电器设备电源，避免长时间通电引发安全隐患。",
     "At the end of the working day the power of electrical appliances in the office areas is switched off, so "
     "that nothing stays powered for long and becomes a hazard."),
    ("R3.3", "网络安全", "Network security", "", ""),
    ("R3.3.1", "", "",
     "加强网络安全管理，设置防火墙、入侵检测系统等安全防护措施，防止网络攻击和数据泄露。",
     "Network security is managed with protective measures such as firewalls and intrusion detection, to prevent "
     "network attacks and data leaks."),
    ("R3.3.2", "", "",
     "定期对公司网络进行安全检查和漏洞扫描，及时发现并修复安全漏洞。",
     "The company's network is security-checked and scanned for vulnerabilities regularly; weaknesses are found "
     "and fixed without delay."),
    ("R3.3.3", "", "",
     "员工应妥善保管个人账号和密码，不得将账号转借他人使用。",
     "Employees keep their accounts and passwords safe and never let anyone else use their account."),
    ("R3.3.4", "", "",
     "严禁在公司网络上传播非法信息、恶意软件等，不得从事危害公司网络安全的活动。",
     "Spreading illegal information, malware and the like on the company network is forbidden, as is anything "
     "that endangers the security of the company network."),
    ("R3.4", "人员安全", "Safety of people", "", ""),
    ("R3.4.1", "", "",
     "办公场所应设置明显的安全警示标志，提醒员工注意安全。",
     "The office premises carry clear safety warning signs to remind employees to take care."),
    ("R3.4.2", "", "",
     "楼梯、电梯等通道应保持畅通，地面应保持清洁干燥，防止员工滑倒摔伤。",
     "Stairs, lifts and other passages are kept clear, and floors clean and dry, so that nobody slips and falls."),
    ("R3.4.3", "", "",
     "对办公场所内的门窗、玻璃等进行定期检查，确保其牢固安全，防止意外坠落伤人。",
     "Doors, windows, glass and the like on the premises are checked regularly so that they are secure and "
     "nothing falls and injures anyone."),
    ("R3.4.4", "", "",
     "加强对来访人员的管理，登记来访人员信息，引导其在指定区域活动，确保公司安全。",
     "Visitors are managed: their details are registered and they are guided to stay in the areas allowed to "
     "them, to keep the company safe."),
    ("R4", "信息安全", "Information security", "", ""),
    ("R4.1", "客户信息保护", "Protection of customer information", "", ""),
    ("R4.1.1", "", "",
     "严格遵守国家相关法律法规，保护客户的个人信息和商业秘密。",
     "Strictly observe the relevant national laws and regulations and protect customers' personal information "
     "and trade secrets."),
    ("R4.1.2", "", "",
     "对客户信息进行分类管理，明确不同级别信息的访问权限。",
     "Customer information is classified, and access rights are defined for each level."),
    ("R4.1.3", "", "",
     "加强对员工的培训，提高员工对客户信息保护的意识，严禁泄露客户信息。",
     "Employees are trained to be aware of protecting customer information; disclosing it is strictly forbidden."),
    ("R4.1.4", "", "",
     "在信息系统中采取必要的安全措施，如加密、备份等，防止客户信息丢失或被篡改。",
     "The information systems use the necessary safeguards, such as encryption and backups, so that customer "
     "information is neither lost nor tampered with."),
    ("R4.2", "数据安全", "Data security", "", ""),
    ("R4.2.1", "", "",
     "建立完善的数据备份制度，定期对重要数据进行备份，并将备份数据存储在安全的地方。",
     "A complete data-backup scheme is in place: important data are backed up regularly and the backups are "
     "stored in a safe place."),
    ("R4.2.2", "", "",
     "对数据存储设备进行定期检查和维护，防止数据丢失或损坏。",
     "Data-storage devices are checked and maintained regularly so that no data are lost or damaged."),
    ("R4.2.3", "", "",
     "限制对数据的访问，只有经过授权的人员才能访问和处理敏感数据。",
     "Access to data is restricted: only authorised people may access and process sensitive data."),
    ("R4.2.4", "", "",
     "加强对数据传输过程的安全管理，采用加密技术等手段，确保数据传输的安全。",
     "Data in transit are protected, with encryption and other means, so that data are transferred securely."),
    ("R4.3", "信息系统安全", "Information-system security", "", ""),
    ("R4.3.1", "", "",
     "定期对公司的信息系统进行安全评估和漏洞扫描，及时发现并修复安全漏洞。",
     "The company's information systems are security-assessed and scanned for vulnerabilities regularly; "
     "weaknesses are found and fixed without delay."),
    ("R4.3.2", "", "",
     "安装正版的操作系统、办公软件和杀毒软件，并及时更新病毒库。",
     "Only licensed operating systems, office software and antivirus software are installed, and virus "
     "definitions are kept up to date."),
    ("R4.3.3", "", "",
     "对信息系统的用户账号进行严格管理，定期更换密码，防止账号被盗用。",
     "User accounts of the information systems are strictly managed and passwords changed regularly, so that no "
     "account is misused."),
    ("R5", "应急管理", "Emergency management", "", ""),
    ("R5.1", "应急准备", "Emergency preparedness", "", ""),
    ("R5.1.1", "", "",
     "制定完善的应急预案，包括火灾、地震、网络安全事件等各类突发事件的应急处置措施。",
     "Complete contingency plans are drawn up, with the response to every kind of emergency: fire, earthquake, "
     "network-security incident and others."),
    ("R5.1.2", "", "",
     "定期组织应急演练，检验和提高应急预案的可行性和员工的应急处置能力。",
     "Emergency drills are held regularly to test and improve the feasibility of the plans and employees' "
     "ability to respond."),
    ("R5.1.3", "", "",
     "成立应急救援小组，明确小组成员的职责和分工，确保在突发事件发生时能够迅速响应。",
     "An emergency response team is formed, each member's duties and share of the work defined, so that the "
     "company responds quickly when an emergency happens."),
    ("R5.1.4", "", "",
     "储备必要的应急物资和设备，如灭火器、急救药品、应急照明设备等，并定期进行检查和维护，确保物资设备完好有效。",
     "The necessary emergency supplies and equipment, such as extinguishers, first-aid medicines and emergency "
     "lighting, are kept in stock and checked and maintained regularly so that they are in working order."),
    ("R5.2", "事故报告与处理", "Reporting and handling accidents", "", ""),
    ("R5.2.1", "", "",
     "发生安全事故后，事故现场人员应立即报告本部门负责人和安全管理部门。",
     "When a safety accident happens, the people on the scene report it at once to their department head and to "
     "the safety-management department."),
    ("R5.2.2", "", "",
     "安全管理部门接到报告后，应立即启动应急预案，组织救援和调查处理工作。",
     "On receiving the report, the safety-management department activates the contingency plan at once and "
     "organises rescue, investigation and handling."),
    ("R5.2.3", "", "",
     "事故发生后，应及时向上级主管部门报告事故情况，并配合相关部门进行事故调查。",
     "After an accident, the authority in charge is informed without delay, and the company cooperates with the "
     "authorities in the investigation."),
    ("R5.2.4", "", "",
     "对事故原因进行深入分析，总结经验教训，制定整改措施，防止类似事故再次发生。",
     "The causes of an accident are analysed in depth, lessons are drawn and corrective measures set, so that "
     "similar accidents do not happen again."),
    ("R6", "安全培训与教育", "Safety training and education", "", ""),
    ("R6.1", "培训计划", "Training plan", "", ""),
    ("R6.1.1", "", "",
     "安全管理部门应制定年度安全培训计划，明确培训内容、培训对象、培训时间和培训方式等。",
     "The safety-management department draws up the annual safety-training plan: content, audience, timing and "
     "method of the training."),
    ("R6.1.2", "", "",
     "培训计划应根据公司实际情况和员工需求进行制定，确保培训内容具有针对性和实用性。",
     "The plan follows the company's actual situation and employees' needs, so that the training is relevant "
     "and practical."),
    ("R6.2", "培训内容", "Training content", "", ""),
    ("R6.2.1", "", "",
     "安全法律法规和行业标准：包括国家相关法律法规、行业安全规范等，使员工了解安全工作的法律要求。",
     "Safety laws, regulations and industry standards: the relevant national laws and regulations and industry "
     "safety codes, so that employees know the legal requirements of safety work."),
    ("R6.2.2", "", "",
     "安全管理制度：详细讲解公司安全管理制度的各项规定，确保员工熟悉制度内容，自觉遵守制度。",
     "The company's safety rules: every provision explained in detail, so that employees know the rules and "
     "follow them of their own accord."),
    ("R6.2.3", "", "",
     "安全操作规程：针对不同岗位的工作特点，培训员工正确的安全操作规程，避免因操作不当引发安全事故。",
     "Safe operating procedures: for the work of each post, employees learn the correct safe procedures, so that "
     "no accident is caused by improper operation."),
    ("R6.2.4", "", "",
     "安全意识教育：通过案例分析、视频演示等方式，提高员工的安全意识，增强员工对安全工作的重视程度。",
     "Safety awareness: through case studies, videos and the like, employees' safety awareness is raised and "
     "they take safety work more seriously."),
    ("R6.2.5", "", "",
     "应急处置技能：培训员工在突发事件发生时的应急处置技能，如火灾逃生、急救方法等。",
     "Emergency skills: how to respond when an emergency happens, such as escaping a fire and first aid."),
    ("R6.3", "培训方式", "Training methods", "", ""),
    ("R6.3.1", "", "",
     "内部培训：由公司安全管理部门或邀请专业人员进行内部培训，培训内容可根据实际情况进行定制。",
     "In-house training: given by the safety-management department or by invited professionals, with content "
     "tailored to the actual situation."),
    ("R6.3.2", "", "",
     "在线学习：利用网络平台提供安全培训课程，员工可自主学习，提高学习的灵活性和效率。",
     "Online learning: safety courses on an online platform that employees study on their own, for flexible and "
     "efficient learning."),
    ("R6.3.3", "", "",
     "现场演示：针对一些实际操作技能，通过现场演示的方式，让员工直观地了解正确的操作方法和流程。",
     "On-site demonstration: practical skills are demonstrated on site so that employees see the correct method "
     "and sequence for themselves."),
    ("R6.3.4", "", "",
     "案例分析：通过分析安全事故案例，让员工吸取教训，提高安全意识和防范能力。",
     "Case studies: by analysing safety accidents, employees learn their lessons and become more aware and "
     "better able to prevent them."),
    ("R6.4", "培训要求", "Training requirements", "", ""),
    ("R6.4.1", "", "",
     "新员工入职时，必须接受公司组织的安全培训，经考试合格后方可上岗。",
     "A new employee must take the company's safety training on joining and may start work only after passing "
     "the exam."),
    ("R6.4.2", "", "",
     "员工在岗位变动时，应根据新岗位的安全要求，接受相应的安全培训。",
     "An employee who changes post takes the safety training that the new post requires."),
    ("R6.4.3", "", "",
     "定期对员工进行安全再培训，确保员工的安全知识和技能不断更新和提高。",
     "Employees are retrained regularly so that their safety knowledge and skills stay up to date and improve."),
    ("R7", "安全检查与隐患排查", "Safety inspections and hazard checks", "", ""),
    ("R7.1", "检查计划", "Inspection plan", "", ""),
    ("R7.1.1", "", "",
     "安全管理部门应制定年度安全检查计划，明确检查的范围、内容、频率和人员等。",
     "The safety-management department draws up the annual safety-inspection plan: scope, content, frequency "
     "and inspectors."),
    ("R7.1.2", "", "",
     "检查计划应覆盖公司所有办公场所、设备设施、业务活动等，确保安全检查无死角。",
     "The plan covers all office premises, equipment, facilities and business activities, so that no corner is "
     "left uninspected."),
    ("R7.2", "检查内容", "What is inspected", "", ""),
    ("R7.2.1", "", "",
     "安全管理制度执行情况：检查各部门和员工对安全管理制度的遵守情况，是否存在违规行为。",
     "Compliance with the safety rules: whether departments and employees follow the safety rules, and whether "
     "there are violations."),
    ("R7.2.2", "", "",
     "消防设施设备：检查消防器材的配备、完好情况，消防通道是否畅通等。",
     "Fire facilities and equipment: whether fire-fighting equipment is in place and in working order, whether "
     "escape routes are clear, and so on."),
    ("R7.2.3", "", "",
     "电气设备：检查电气设备的运行状况、电线电缆是否存在老化破损等情况。",
     "Electrical equipment: how it is running, and whether wires and cables are aged or damaged."),
    ("R7.2.4", "", "",
     "网络安全：检查网络安全防护措施的有效性，是否存在网络安全漏洞。",
     "Network security: whether the protective measures are effective and whether there are vulnerabilities."),
    ("R7.2.5", "", "",
     "办公场所安全：检查办公区域的门窗、楼梯、电梯等设施是否安全，地面是否防滑等。",
     "Safety of the premises: whether doors, windows, stairs, lifts and other facilities are safe, whether floors "
     "are slip-resistant, and so on."),
    ("R7.2.6", "", "",
     "信息安全：检查客户信息保护、数据安全、信息系统安全等方面的措施是否落实到位。",
     "Information security: whether the measures for customer information, data security and information-system "
     "security are in place."),
    ("R7.3", "隐患排查与整改", "Hazard checks and rectification", "", ""),
    ("R7.3.1", "", "",
     "在安全检查过程中，应及时发现安全隐患，并填写隐患排查记录。",
     "During safety inspections, hazards are found without delay and entered in the hazard record."),
    ("R7.3.2", "", "",
     "对发现的安全隐患进行评估，确定隐患的严重程度和整改期限。",
     "Each hazard found is assessed: how serious it is and by when it must be rectified."),
    ("R7.3.3", "", "",
     "针对安全隐患，制定详细的整改措施，明确整改责任人，确保隐患得到及时整改。",
     "For each hazard, detailed rectification measures and the person responsible are set, so that it is "
     "rectified in time."),
    ("R7.3.4", "", "",
     "对整改情况进行跟踪检查，确保隐患整改到位，形成安全隐患排查与整改的闭环管理。",
     "Rectification is followed up and checked until the hazard is fully rectified, closing the loop of hazard "
     "checks and rectification."),
    ("R8", "奖惩制度", "Rewards and penalties", "", ""),
    ("R8.1", "奖励", "Rewards", "", ""),
    ("R8.1.1", "", "",
     "对在安全工作中表现突出的部门或个人，给予表彰和奖励。",
     "Departments or individuals who do outstanding safety work are commended and rewarded."),
    ("R8.1.2", "", "",
     "奖励方式包括荣誉证书、奖金、晋",
     "Rewards include honour certificates, bonuses, promo"),
]  # fmt: skip
