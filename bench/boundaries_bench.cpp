// The boundary analysis over N generated drafts (≈ 20 duty items and 8 units each, 2 % of the
// items a reworded copy of another body's item): prints one JSON line with the time of
// find_boundaries, the time of a baseline pass over the same texts (normalising every duty text
// once, which any analysis must do), the duty count, the pairs found and the process's peak
// memory. Run one size per process (bench/boundaries_bench.sh) so the peak belongs to that size.
//     bench-boundaries N
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "sanding/boundaries.hpp"
#include "sanding/text.hpp"

namespace {

using namespace sanding;

// Common characters of duty texts; words are random pairs of them, so two bodies share a word
// now and then, as real ones do, without sharing their duties.
const char32_t* kChars =
    U"国土空间规划用途管制耕地保护生态修复林业森林资源住房保障房地产市场建筑工程质量城市建设村镇人"
    U"民防空燃气"
    U"公路运输客运货运公交出租汽车交通安全水资源河湖防汛抗旱饮水农田水库水土乡村振兴粮食种植畜牧兽"
    U"医动物防疫"
    U"农产品集体经济土地承包消费贸易投资电子商务成品油文化图书馆文物遗产广播电视旅游景区医疗疾病传"
    U"染病妇幼托育"
    U"老龄中医药卫生应急退役军人安置就业创业优抚烈士权益危险化学品自然灾害减灾救灾审计预算决算经济"
    U"责任登记注册"
    U"食品特种设备药品器械化妆品计量标准知识产权商标专利价格竞争统计普查核算医保基金采购救助市容垃"
    U"圾园林绿化"
    U"执法违法数字政务审批许可踏勘信访来信复查数据共享算力智慧教育学校教师体育科技创新工业中小企业"
    U"节能高新";

std::string word(std::mt19937& rng) {
    static const std::u32string chars(kChars);
    std::uniform_int_distribution<std::size_t> pick(0, chars.size() - 1);
    std::string out;
    const int n = 2 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) append_utf8(out, chars[pick(rng)]);
    return out;
}

std::string duty(std::mt19937& rng) {
    static const char* kFrames[] = {
        "负责全区%s和%s的监督管理，承担%s工作。",
        "拟订全区%s发展规划并组织实施，指导%s和%s工作。",
        "负责%s的统筹协调，组织开展%s、%s的监测评价。",
        "承担%s和%s的审核管理，依法查处%s领域的违法行为。",
        "贯彻执行国家和省、市关于%s的法律法规和政策，负责%s和%s的组织实施。",
    };
    char buf[512];
    const std::string a = word(rng), b = word(rng), c = word(rng);
    std::snprintf(buf, sizeof buf, kFrames[rng() % 5], a.c_str(), b.c_str(), c.c_str());
    return buf;
}

std::string reorder(const std::string& text) {
    const std::size_t comma = text.find("，");
    if (comma == std::string::npos) return text;
    std::string first = text.substr(0, comma), rest = text.substr(comma + 3);
    if (rest.size() >= 3 && rest.compare(rest.size() - 3, 3, "。") == 0)
        rest.resize(rest.size() - 3);
    return rest + "，" + first + "。";
}

std::vector<BoundaryDraft> generate(int n) {
    std::mt19937 rng(17);
    std::vector<BoundaryDraft> drafts(static_cast<std::size_t>(n));
    for (int d = 0; d < n; ++d) {
        BoundaryDraft& draft = drafts[static_cast<std::size_t>(d)];
        draft.body = "body-" + std::to_string(d);
        draft.name = "区第" + std::to_string(d) + "局";
        Regulation& reg = draft.regulation;
        for (int i = 0; i < 20; ++i) {
            DutyItem item;
            item.number = i + 1;
            item.text = duty(rng);
            if (d > 0 && rng() % 50 == 0) {  // a reworded copy of an earlier body's item
                const auto& other =
                    drafts[rng() % static_cast<std::size_t>(d)].regulation.duty_items;
                item.text = reorder(other[rng() % other.size()].text);
            }
            reg.duty_items.push_back(std::move(item));
        }
        reg.duty_items.push_back(
            {21, DutyItemRole::Entrusted, "完成区委、区政府交办的其他任务。", {}});
        for (int u = 0; u < 8; ++u) {
            InternalUnit unit;
            unit.number = u + 1;
            unit.name = "第" + std::to_string(u + 1) + "股";
            for (int i = u; i < 20; i += 8) {
                const std::string& t = reg.duty_items[static_cast<std::size_t>(i)].text;
                unit.duties += t.substr(0, t.find("，")) + "；";
            }
            reg.units.push_back(std::move(unit));
        }
    }
    return drafts;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    if (n < 2) {
        std::fputs("usage: bench-boundaries N (N ≥ 2 drafts)\n", stderr);
        return 2;
    }
    const std::vector<BoundaryDraft> drafts = generate(n);
    auto t0 = std::chrono::steady_clock::now();
    std::size_t chars = 0;
    for (const auto& d : drafts) {
        for (const auto& i : d.regulation.duty_items) chars += normalize_duty(i.text).size();
        for (const auto& u : d.regulation.units) chars += normalize_duty(u.duties).size();
    }
    const double baseline = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const BoundaryReport report = find_boundaries(drafts, nullptr);
    const double took = seconds_since(t0);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf(
        "{\"drafts\":%d,\"duties\":%zu,\"overlaps\":%zu,\"gaps\":%zu,\"seconds\":%.4f,"
        "\"baseline_seconds\":%.4f,\"peak_rss_mb\":%.1f,\"normalised_bytes\":%zu}\n",
        n, report.duties, report.overlaps.size(), report.gaps.size(), took, baseline,
        static_cast<double>(usage.ru_maxrss) / 1024.0, chars);
    return 0;
}
