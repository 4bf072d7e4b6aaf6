"""Generated drafts of the demo district's 37 bodies with duty overlaps and gaps planted at known
places, for the boundary analysis (sanding boundaries). Each body's draft carries its duties from
the duty catalogue (templates/catalogue/demo-district.xml); its internal units carry them between
them. Then:
  overlaps: a duty of body A reworded into body B's draft — clauses reordered, synonyms, added
            qualifiers, split across two items, or taken with a supporting verb (配合);
  resolved: some of them with a 有关职责分工 clause in B naming A and the duty;
  gaps:     a catalogue duty left out of its body's draft (uncovered), a unit whose duties were
            replaced (D12: the duties it carried are carried by no unit), a 职责分工 clause giving a
            body a duty its draft does not claim.

    python3 boundaries_corpus.py SANDING_BIN OUT_DIR

writes OUT_DIR/drafts/*.txt and OUT_DIR/planted.json."""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import corpus

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGUE = os.path.join(HERE, "../../templates/catalogue/demo-district.xml")
CNS = {"c": "urn:sanding:catalogue:1"}

SYNONYMS = [("负责", "承担"), ("管理", "管控"), ("组织", "统筹"), ("监督", "监管"), ("全区", "本区"),
            ("推进", "推动"), ("指导", "督导"), ("建设", "建立")]


def load_catalogue():
    root = ET.parse(CATALOGUE).getroot()
    out = {}
    for d in root.findall("c:duty", CNS):
        out.setdefault(d.get("body"), []).append({"id": d.get("id"), "text": d.text.strip()})
    return out


def clauses(text):
    return [c for c in re.split(r"[，。]", text) if c]


def reorder(text):
    cs = clauses(text)
    return "，".join(reversed(cs)) + "。" if len(cs) > 1 else text


def synonyms(text):
    for a, b in SYNONYMS:
        text = text.replace(a, b, 1)
    return text


def qualify(text):
    return "按照区委、区政府的统一部署，" + text.rstrip("。") + "，建立健全相应的工作机制。"


def support(text):
    return "配合" + re.sub(r"^(负责|承担|统筹|组织)", "", text)


def split(text):
    cs = clauses(text)
    if len(cs) < 2:
        cs = [text[: len(text) // 2], text[len(text) // 2:]]
    half = (len(cs) + 1) // 2
    return ["，".join(cs[:half]) + "。", "，".join(cs[half:]) + "。"]


REWORDINGS = [("reorder", reorder), ("synonyms", synonyms), ("qualifiers", qualify), ("split", split),
              ("support", support)]


def unit_text(duty):
    first = clauses(duty)[0]
    return first if first.startswith(("负责", "承担")) else "承担" + first


def build(rendered, body, duties, extra_items, division_clauses, unit_override):
    """A draft: the body's duties, the extra (planted) items, its units carrying the duties."""
    lines = rendered
    out = []
    units = [l for l in lines if "【待填写：内设机构职责】" in l]
    carry = {k: [] for k in range(len(units))}
    for i, d in enumerate(duties):
        carry[i % len(units)].append(d["text"]) if units else None
    u = 0
    for line in lines:
        if "【待填写：主要职责】" in line:
            out.extend("（一）" + d["text"] for d in duties)
            out.extend("（一）" + t for t in extra_items)
        elif "【待填写：职能转变的要求】" in line:
            out.append(line.replace("【待填写：职能转变的要求】", "进一步优化公共服务，提高履职效能"))
        elif "【待填写：与有关部门的职责分工】" in line:
            out.append(line.replace("【待填写：与有关部门的职责分工】", ""))
            out.extend(f"{k + 1}.{c}" for k, c in enumerate(division_clauses))
        elif "【待填写：内设机构职责】" in line:
            text = unit_override.get(u) or ("；".join(unit_text(t) for t in carry[u]) + "。" if carry[u]
                                            else "承担本单位交办的其他事务。")
            out.append(line.replace("【待填写：内设机构职责】", text))
            u += 1
        else:
            out.append(line)
    return corpus.renumber(out), carry


def generate(sanding, out_dir, seed=17):
    rng = random.Random(seed)
    bodies = corpus.load_bodies()
    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sanding, "render", "--all", "--text", "-o", tmp], check=True, capture_output=True)
        rendered = {}
        for f in os.listdir(tmp):
            with open(os.path.join(tmp, f), encoding="utf-8") as src:
                rendered[f[:-4]] = src.read().splitlines()
    ids = sorted(rendered)
    names = {b: re.search(r"（以下简称(.+?)）", "\n".join(rendered[b])).group(1) for b in ids}
    duties = {b: list(catalogue.get(b, [])) for b in ids}
    extra = {b: [] for b in ids}
    divisions = {b: [] for b in ids}
    overrides = {b: {} for b in ids}
    planted = {"overlaps": [], "uncovered": [], "no_unit": [], "division_unclaimed": []}

    # Uncovered: duties with no near neighbour in the catalogue (a duty worded like another body's,
    # such as 交通运输行业安全生产的监督管理 beside 工贸行业的安全生产监督管理, is covered by it).
    UNCOVERED = ["inspection-01", "development-reform-04", "civil-affairs-05", "finance-02", "data-01", "petition-03"]
    # Overlaps: 5 rewordings × 6 = 30 pairs, each between two different bodies, no duty used twice.
    used = set(UNCOVERED)
    k = 0
    for kind, reword in REWORDINGS:
        for _ in range(6):
            while True:
                a, b = rng.sample(ids, 2)
                if duties[a] and (a, b) not in used:
                    d = rng.choice(duties[a])
                    if d["id"] not in used:
                        break
            used.update({(a, b), (b, a), d["id"]})
            texts = reword(d["text"])
            texts = texts if isinstance(texts, list) else [texts]
            extra[b].extend(texts)
            resolved = k % 4 == 0
            if resolved:
                core = re.sub(r"^(负责|承担|统筹|组织|拟订)", "", clauses(d["text"])[0])
                divisions[b].append(f"与{names[a]}的有关职责分工。{names[a]}负责{core}，{names[b]}配合做好相关工作。")
            planted["overlaps"].append({"kind": kind, "a": a, "b": b, "duty": d["id"], "a_text": d["text"],
                                        "b_texts": texts, "resolved": resolved})
            k += 1
    # Uncovered: those 6 catalogue duties left out of their body's draft.
    for duty_id in UNCOVERED:
        a = next(b for b in ids if any(d["id"] == duty_id for d in duties[b]))
        duties[a] = [d for d in duties[a] if d["id"] != duty_id]
        planted["uncovered"].append({"body": a, "duty": duty_id})
    # D12: in 3 bodies whose units carry one duty each, one unit's duties replaced.
    one_each = [b for b in ids if duties[b] and sum(1 for l in rendered[b] if "【待填写：内设机构职责】" in l) >= len(duties[b])
                and not extra[b]]
    d12 = rng.sample(one_each, 3)
    for b in d12:
        overrides[b][0] = "承担本单位交办的其他事务。"
        planted["no_unit"].append({"body": b, "text": duties[b][0]["text"]})
    # A 职责分工 clause giving a body a duty its draft does not claim.
    for a, b, what in [("finance", "statistics", "全区营商环境评价指标的采集和发布"),
                       ("health", "commerce", "药品零售企业的布局规划和审批")]:
        divisions[a].append(f"与{names[b]}的有关职责分工。{names[b]}负责{what}，{names[a]}配合做好相关工作。")
        planted["division_unclaimed"].append({"from": a, "body": b, "text": what})

    os.makedirs(os.path.join(out_dir, "drafts"), exist_ok=True)
    for b in ids:
        lines, _ = build(rendered[b], bodies[b], duties[b], extra[b], divisions[b], overrides[b])
        with open(os.path.join(out_dir, "drafts", b + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(out_dir, "planted.json"), "w", encoding="utf-8") as f:
        json.dump(planted, f, ensure_ascii=False, indent=1)
    return planted


def score(planted, report):
    """Precision and recall of the reported overlaps against the planted ones."""
    def norm(t):
        return t.strip()
    expected = {}
    for p in planted["overlaps"]:
        for t in p["b_texts"]:
            expected[(p["a"], norm(p["a_text"]), p["b"], norm(t))] = p
    found, true_positive = set(), 0
    for o in report["overlaps"]:
        a, b = o["a"], o["b"]
        keys = [(a["body"], norm(a["text"]), b["body"], norm(b["text"])), (b["body"], norm(b["text"]), a["body"], norm(a["text"]))]
        hit = next((expected[k] for k in keys if k in expected), None)
        if hit:
            true_positive += 1
            found.add(id(hit))
    precision = true_positive / len(report["overlaps"]) if report["overlaps"] else 1.0
    recall = len(found) / len(planted["overlaps"])
    return precision, recall, found


if __name__ == "__main__":
    p = generate(sys.argv[1], sys.argv[2])
    print(f"{len(p['overlaps'])} overlaps, {len(p['uncovered'])} uncovered, {len(p['no_unit'])} D12, "
          f"{len(p['division_unclaimed'])} division gaps planted")
