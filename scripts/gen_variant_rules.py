# Writes templates/rules/variants.xml and misspellings.xml from the lists below:
#   python3 scripts/gen_variant_rules.py
Y = """按语 案语
百废俱兴 百废具兴
斑白 颁白
辈分 辈份
本分 本份
笔画 笔划
秕谷 瘪谷
参与 参预
惨淡 惨澹
侈靡 侈糜
筹划 筹画
踌躇 踌蹰
出谋划策 出谋画策
喘吁吁 喘嘘嘘
词汇 辞汇
错综 错纵
大拇指 大姆指
发酵 酦酵
丰富多彩 丰富多采
服侍 伏侍
附会 傅会
复信 覆信
告诫 告戒
耿直 梗直 鲠直
勾画 勾划
归根结底 归根结柢
规诫 规戒
含糊 含胡
含蓄 涵蓄
寒碜 寒伧
喝彩 喝采
糊涂 胡涂
恍惚 恍忽
混沌 浑沌
机灵 机伶
激愤 激忿
纪念 记念
寄予 寄与
夹克 茄克
简练 简炼
骄奢淫逸 骄奢淫佚
狡猾 狡滑
脚跟 脚根
精彩 精采
纠集 鸠集
褴褛 蓝缕
狼藉 狼籍
累赘 累坠
连贯 联贯
连接 联接
连绵 联绵
连缀 联缀
联结 连结
联袂 连袂
联翩 连翩
嘹亮 嘹喨
缭乱 撩乱
伶仃 零丁
流言蜚语 流言飞语
录像 录象 录相
络腮胡子 落腮胡子
门槛 门坎
靡费 糜费
模仿 摹仿
模糊 模胡
模拟 摹拟
摩擦 磨擦
摩拳擦掌 磨拳擦掌
磨难 魔难
谋划 谋画
那么 那末
内讧 内哄
凝练 凝炼
纽扣 钮扣
盘根错节 蟠根错节
盘踞 盘据 蟠踞 蟠据
彷徨 旁皇
披星戴月 披星带月
疲沓 疲塌
漂泊 飘泊
漂流 飘流
飘零 漂零
牵强附会 牵强傅会
翘首 跷首
憔悴 蕉萃
曲折 屈折
取消 取销
色彩 色采
杀一儆百 杀一警百
奢靡 奢糜
申雪 伸雪
神采 神彩
收服 收伏
思维 思惟
死心塌地 死心踏地
踏实 塌实
铤而走险 挺而走险
透彻 透澈
图像 图象
无动于衷 无动于中
毋宁 无宁
毋庸 无庸
五彩缤纷 五采缤纷
稀罕 希罕
稀奇 希奇
稀少 希少
洗练 洗炼
贤惠 贤慧
相貌 像貌
潇洒 萧洒
小题大做 小题大作
信口开河 信口开合
序言 叙言
训诫 训戒
压服 压伏
押韵 压韵
一味 一昧
衣着 衣著
义无反顾 义无返顾
盈余 赢余
影像 影象
余晖 余辉
渔具 鱼具
渔网 鱼网
预备 豫备
原原本本 源源本本 元元本本
缘故 原故
月食 月蚀
日食 日蚀
再接再厉 再接再砺
崭新 斩新
战栗 颤栗
账本 帐本
折中 折衷
这么 这末
直截了当 直捷了当 直接了当
指手画脚 指手划脚
装潢 装璜
孜孜不倦 孳孳不倦
姿势 姿式
佐证 左证"""
B = """部署 布署
既往不咎 既往不究
按部就班 按步就班
迫不及待 迫不急待
再接再厉 再接再励
一鼓作气 一股作气
墨守成规 墨守成归 默守成规
走投无路 走头无路
出其不意 出奇不意
川流不息 穿流不息
一筹莫展 一愁莫展
不胫而走 不径而走
世外桃源 世外桃园
歪风邪气 歪风斜气
蛛丝马迹 蛛丝蚂迹
甘拜下风 甘败下风
谈笑风生 谈笑风声
精兵简政 精兵减政
以身作则 以身做则
励精图治 厉精图治
一如既往 一如继往
坐镇 坐阵
签订 签定
国籍 国藉
账户 帐户
账号 帐号
凑合 凑和
修葺 修茸
安详 安祥
针砭 针贬
抱歉 报歉
跌宕 迭宕
震撼 震憾
气概 气慨
竣工 峻工
竞争 竟争
竞赛 竟赛
候选 侯选
发轫 发韧
松弛 松驰
一诺千金 一诺千斤
辐射 幅射
编纂 编篡
赝品 膺品
妨碍 防碍
防范 防犯
反馈 反溃
即使 既使"""
# 既使 is left out below: “既使用……又……” is right.
import html
import os
RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates", "rules")
def groups(t):
    return [l.split() for l in t.strip().splitlines()]
yg, bg = groups(Y), [g for g in groups(B) if g[0] != "即使"]
ids = [f"{c}{n:02d}" for c in "YZ" for n in range(1, 100)]
out = ['<?xml version="1.0" encoding="UTF-8"?>',
 '<!--',
 '  Variant word forms (异形词) of official documents (别字 are in misspellings.xml).',
 '  Y/Z rules: groups of GF 1001—2001《第一批异形词整理表》, each written by the sanding project from the',
 '  standard\'s published table: the recommended form, the variants to flag, an example of each. A',
 '  selection: groups whose variants could stand inside a right word of a 公文 are left out',
 '  (人材 in 个人材料, 希有 in 希有关单位, 原由 in 原由县X局承担的职责, 展转 in 发展转型, 定单 in',
 '  确定单位, 班白 in 值班白天, 委过 in 县委过去 …). Format: templates/README.md, "Rule sets"; schema: schemas/rules.xsd.',
 '-->',
 '<rule-set xmlns="urn:sanding:rules:1" id="variants" version="1" name="异形词（GF 1001—2001《第一批异形词整理表》）">']
def rule(rid, sev, group, source, msg, kind):
    use, variants = group[0], group[1:]
    name = f'{kind}：{"、".join(variants)}→{use}'
    r = [f'  <rule id="{rid}" name="{name}" severity="{sev}" category="wording" scope="text" safe-fix="true">']
    for v in variants: r.append(f'    <pattern>{v}</pattern>')
    r.append(f'    <suggest>{use}</suggest>')
    r.append(f'    <message>{msg.format(use=use, variants="”“".join(variants))}</message>')
    r.append(f'    <source>{source}</source>')
    for v in variants:
        r.append(f'    <example fix="文中“{use}”一词。">文中“<mark>{v}</mark>”一词。</example>')
    r.append(f'    <counter-example>文中“{use}”一词。</counter-example>')
    r.append('  </rule>')
    return r
for rid, g in zip(ids, yg):
    out += rule(rid, "warning", g, "GF 1001—2001《第一批异形词整理表》", "“{variants}”是异形词，应写推荐词形“{use}”。", "异形词")
assert len(yg) <= len(ids)
out.append('</rule-set>')
open(os.path.join(RULES, 'variants.xml'), 'w', encoding='utf-8').write("\n".join(out) + "\n")
out = ['<?xml version="1.0" encoding="UTF-8"?>',
 '<!--',
 '  Wrong characters (别字) frequent in official documents: this project\'s own list, each with the',
 '  right form and an example. Format: templates/README.md, "Rule sets"; schema: schemas/rules.xsd.',
 '-->',
 '<rule-set xmlns="urn:sanding:rules:1" id="misspellings" version="1" name="公文常见别字">']
for n, g in enumerate(bg, 1):
    out += rule(f"B{n:02d}", "error", g, "公文常见别字（本项目整理）", "“{variants}”是错别字，应写作“{use}”。", "别字")
out.append('</rule-set>')
open(os.path.join(RULES, 'misspellings.xml'), 'w', encoding='utf-8').write("\n".join(out) + "\n")
print(len(yg), len(bg))
