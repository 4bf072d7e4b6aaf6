"""A generated corpus of 三定-shaped drafts: the demo district's 37 rendered drafts with their
placeholders filled by plausible text (clean drafts), and copies with errors planted at known
places (every category). Used by the checker's corpus test and by bench/check_bench.sh.

    python3 corpus.py SANDING_BIN OUT_DIR [--size BYTES]

writes OUT_DIR/clean/*.txt, OUT_DIR/planted/*.txt and OUT_DIR/planted.json (what was planted where:
rule id, UTF-8 byte offset and length in the file); with --size, also OUT_DIR/corpus.txt of about
that many bytes made of planted drafts."""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMEWORK = os.path.join(HERE, "../../templates/framework/demo-district.xml")
NS = {"f": "urn:sanding:framework:1"}
NUMERALS = "一二三四五六七八九十"


def numeral(n):
    return NUMERALS[n - 1] if n <= 10 else "十" + NUMERALS[n - 11] if n < 20 else str(n)


def load_bodies():
    root = ET.parse(FRAMEWORK).getroot()
    bodies = {}
    for b in root.findall("f:body", NS):
        quota = {e.get("type"): int(e.get("count")) for e in b.findall("f:staffing/f:establishment", NS)}
        leaders = [(l.get("title"), int(l.get("count"))) for l in b.findall("f:staffing/f:leader", NS)]
        bodies[b.get("id")] = {
            "short": b.find("f:short-name", NS).text,
            "field": b.find("f:field", NS).text,
            "quota": quota,
            "principal": leaders[0][0],
            "units": int(b.find("f:internal-units", NS).get("count")),
        }
    return bodies


def duties(field):
    return [
        f"负责贯彻执行国家和省、市关于{field}工作的法律法规和政策，起草{field}方面的行政规范性文件草案并组织实施。",
        f"拟订全区{field}工作规划和年度计划并组织实施，统筹协调全区{field}重大事项。",
        f"负责全区{field}领域的监督管理工作，依法承担相关行政执法工作。",
        f"指导各街道开展{field}工作，组织开展{field}领域的调查研究和信息统计。",
        f"承担{field}领域的宣传教育和人员培训工作。",
    ]


def renumber(lines):
    """Items （一）… numbered afresh within each 第X条."""
    out, n = [], 0
    for line in lines:
        if re.match(r"^第.+?条", line):
            n = 0
        m = re.match(r"^（[一二三四五六七八九十]+）", line)
        if m:
            n += 1
            line = f"（{numeral(n)}）" + line[m.end():]
        out.append(line)
    return out


def fill(lines, body):
    """A clean draft: placeholders replaced by text that follows the phrasing rules."""
    short, field = body["short"], body["field"]
    partner = "区审计局" if short == "区财政局" else "区财政局"
    out = []
    for line in lines:
        if "【待填写：主要职责】" in line:
            out.extend("（一）" + d for d in duties(field))
        elif "【待填写：职能转变的要求】" in line:
            out.append(line.replace("【待填写：职能转变的要求】", f"进一步优化{field}领域的公共服务，推进{field}治理能力现代化"))
        elif "【待填写：与有关部门的职责分工】" in line:
            out.append(line.replace("【待填写：与有关部门的职责分工】", ""))
            out.append(f"1.与{partner}的有关职责分工。{partner}负责相关经费的审核和监督，{short}负责{field}项目的组织实施。")
        elif "【待填写：内设机构职责】" in line:
            name = re.match(r"^（.+?）(.+?)。", line).group(1)
            core = re.sub(r"(股|室|科)$", "", name)
            out.append(line.replace("【待填写：内设机构职责】", f"负责{core}相关工作，承担有关政策措施的组织实施和监督检查。"))
        else:
            out.append(line)
    return renumber(out)


# --- planting errors ---------------------------------------------------------------------
# Each mutation changes one line of a clean draft and says where the finding must be:
# (rule, line index, character offset in the line, length in characters).

def find_line(lines, pred):
    for i, l in enumerate(lines):
        if pred(l):
            return i
    raise LookupError("no such line")


def replace_in(lines, i, old, new, rule, mark=None):
    """Replaces the first `old` in line i by `new`; the finding covers `mark` inside `new`."""
    line = lines[i]
    at = line.index(old)
    lines[i] = line[:at] + new + line[at + len(old):]
    mark = new if mark is None else mark
    return [(rule, i, at + new.index(mark), len(mark))]


def heading(lines, role_text):
    return find_line(lines, lambda l: re.match(r"^第.+?条", l) and role_text in l)


def m_w01(lines, b):
    return replace_in(lines, find_line(lines, lambda l: "交办的其他任务" in l), "其他任务", "其它任务", "W01", "其它")


def m_d06(lines, b):
    return replace_in(lines, find_line(lines, lambda l: l.startswith("（") and "拟订全区" in l), "拟订", "拟定", "D06")


def m_d07(lines, b):
    i = find_line(lines, lambda l: "领域的监督管理工作" in l)
    return replace_in(lines, i, "负责全区", "负责进一步加强全区", "D07", "进一步")


def m_p01(lines, b):
    i = find_line(lines, lambda l: "法律法规和政策，" in l)
    return replace_in(lines, i, "政策，起草", "政策,起草", "P01", ",")


def m_p08(lines, b):
    i = find_line(lines, lambda l: "宣传教育和人员培训工作。" in l)
    return replace_in(lines, i, "培训工作。", "培训工作。。", "P08", "。。")


def m_w04(lines, b):
    i = find_line(lines, lambda l: "另行规定" in l)
    return replace_in(lines, i, "所属事业单位", "截止2026年底，所属事业单位", "W04", "截止")


def m_m01(lines, b):
    i = heading(lines, "编制")
    return replace_in(lines, i, "第五条", "第5条", "M01", "5")


def m_m05(lines, b):
    i = heading(lines, "行政编制")
    n = str(b["quota"]["行政编制"])
    wide = "".join(chr(0xFF10 + int(d)) for d in n)
    return replace_in(lines, i, f"行政编制{n}名", f"行政编制{wide}名", "M05", wide)


def m_s03(lines, b):
    i = heading(lines, "设下列内设机构")
    return replace_in(lines, i, "第四条", "第五条", "S03")


def m_s04(lines, b):
    i = heading(lines, "负责解释")
    del lines[i]
    for k in range(i, len(lines)):
        lines[k] = re.sub(r"^第八条", "第七条", lines[k])
    return [("S04", 0, 0, len(lines[0]))]


def m_s06(lines, b):
    i = find_line(lines, lambda l: "法律法规和政策" in l)
    return replace_in(lines, i, "（一）", "(1)", "S06")


def m_s07(lines, b):
    i = find_line(lines, lambda l: "交办的其他任务" in l)
    del lines[i]
    lines[:] = renumber(lines)
    h = heading(lines, "主要职责是")
    return [("S07", h, 0, 3)]


def m_n04(lines, b):
    i = heading(lines, "行政编制")
    n = b["quota"]["行政编制"]
    lines[i] = lines[i].replace(f"行政编制{n}名", "行政编制3名")
    return [("N04", i, 4, len(lines[i]) - 4)]


def m_n11(lines, b):
    i = heading(lines, "行政编制")
    n = b["quota"]["行政编制"]
    return replace_in(lines, i, f"行政编制{n}名", f"行政编制{n + 5}名", "N11")


def m_n05(lines, b):
    i = heading(lines, "领导职数")
    line = lines[i]
    m = re.search(r"领导职数(\d+)名", line)
    return replace_in(lines, i, m.group(0), "领导职数1名", "N05")


def m_a01(lines, b):
    i = heading(lines, "制定本规定")
    return replace_in(lines, i, "，制定本规定", f"，结合{b['short']}实际，制定本规定", "A01", b["short"])


def m_s12(lines, b):
    i = find_line(lines, lambda l: l.startswith("（二）") and "相关工作，承担有关政策措施" in l)
    name = re.match(r"^（二）(.+?)。", lines[i]).group(1)
    return replace_in(lines, i, name + "。", name + "：", "S12", "：")


def m_p09(lines, b):
    i = heading(lines, "制定本规定")
    line = lines[i]
    at = line.index("》")
    lines[i] = line[:at] + line[at + 1:]
    return [("P09", i, line.index("《"), 1)]


def m_s02(lines, b):
    lines[0] += "。"
    return [("S02", 0, len(lines[0]) - 1, 1)]


def m_m04(lines, b):
    i = heading(lines, "起施行")
    return replace_in(lines, i, "2027年1月1日", "2027.1.1", "M04")


def m_w02(lines, b):
    i = heading(lines, "起施行")
    return replace_in(lines, i, "起施行", "起执行", "W02")


def m_a05(lines, b):
    i = find_line(lines, lambda l: "完成区委、区政府交办" in l)
    return replace_in(lines, i, "区委、区政府", "区政府、区委", "A05")


def m_s16(lines, b):
    i = heading(lines, "制定本规定")
    return replace_in(lines, i, "第一条\u3000", "第一条：", "S16", "：")


def m_n06(lines, b):
    i = heading(lines, "领导职数")
    return replace_in(lines, i, "设局长", "设主任", "N06", "主任")


def m_d09(lines, b):
    i = find_line(lines, lambda l: l.startswith("1.与区"))
    partner = re.match(r"^1\.与(.+?)的", lines[i]).group(1)
    return replace_in(lines, i, "与" + partner, "与有关部门", "D09", "有关部门")


def m_p01_colon(lines, b):
    i = heading(lines, "主要职责是：")
    return replace_in(lines, i, "主要职责是：", "主要职责是:", "P01", ":")


MUTATIONS = [m_w01, m_d06, m_d07, m_p01, m_p08, m_w04, m_m01, m_m05, m_s03, m_s04, m_s06, m_s07, m_n04, m_n11,
             m_n05, m_a01, m_s12, m_p09, m_s02, m_m04, m_w02, m_a05, m_s16, m_n06, m_d09, m_p01_colon]
GOV_ONLY = {m_a05, m_n06}  # they need 区委、区政府 / a 局


def byte_offsets(lines, expected):
    starts, at = [], 0
    for l in lines:
        starts.append(at)
        at += len(l.encode()) + 1
    out = []
    for rule, i, col, length in expected:
        line = lines[i]
        off = starts[i] + len(line[:col].encode())
        out.append({"rule": rule, "offset_utf8": off, "length_utf8": len(line[col:col + length].encode()),
                    "line": i + 1, "text": line[col:col + length]})
    return out


def generate(sanding, out_dir, size=None):
    bodies = load_bodies()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sanding, "render", "--all", "--text", "-o", tmp], check=True, capture_output=True)
        rendered = {f[:-4]: open(os.path.join(tmp, f), encoding="utf-8").read().splitlines() for f in os.listdir(tmp)}
    os.makedirs(os.path.join(out_dir, "clean"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "planted"), exist_ok=True)
    ids = sorted(rendered)
    clean = {}
    for bid in ids:
        clean[bid] = fill(rendered[bid], bodies[bid])
        with open(os.path.join(out_dir, "clean", bid + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(clean[bid]) + "\n")
    gov = [b for b in ids if bodies[b]["short"].endswith("局") and bodies[b]["principal"] == "局长"
           and "区委" not in bodies[b]["short"]]
    manifest = {}
    planted_texts = []
    for k, mutate in enumerate(MUTATIONS):
        pool = gov if mutate in GOV_ONLY else ids
        bid = pool[(k * 7) % len(pool)]
        lines = list(clean[bid])
        expected = mutate(lines, bodies[bid])
        name = f"{k:02d}-{mutate.__name__[2:]}-{bid}.txt"
        text = "\n".join(lines) + "\n"
        with open(os.path.join(out_dir, "planted", name), "w", encoding="utf-8") as f:
            f.write(text)
        manifest[name] = {"body": bid, "expected": byte_offsets(lines, expected)}
        planted_texts.append(text)
    with open(os.path.join(out_dir, "planted.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    if size:
        pieces, total, k = [], 0, 0
        while total < size:
            t = planted_texts[k % len(planted_texts)]
            pieces.append(t)
            total += len(t.encode())
            k += 1
        with open(os.path.join(out_dir, "corpus.txt"), "w", encoding="utf-8") as f:
            f.write("".join(pieces))
    return manifest


if __name__ == "__main__":
    size = int(sys.argv[sys.argv.index("--size") + 1]) if "--size" in sys.argv else None
    m = generate(sys.argv[1], sys.argv[2], size)
    print(f"{len(m)} planted drafts, {sum(len(v['expected']) for v in m.values())} planted errors")
