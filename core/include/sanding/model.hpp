// The draft model: what a 三定 regulation (《…职能配置、内设机构和人员编制规定》) says, part by
// part. Missing parts are empty values (empty strings, empty vectors, count -1), never null, so
// `reg.article(ArticleRole::Staffing).paragraphs` is always safe to read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sanding {

// Where a model part was read from: paragraph index in the document and a UTF-8 byte range in
// that paragraph's text. paragraph == -1 when the part was not read from a document.
struct SourceSpan {
    int paragraph = -1;
    std::size_t offset = 0;
    std::size_t length = 0;
    bool operator==(const SourceSpan&) const = default;
};

// 机构类别
enum class BodyKind {
    Unknown,
    PartyOrgan,            // 区委工作机关
    GovernmentDepartment,  // 区政府工作部门
    ManagedAgency,         // 部门管理机构
    StreetOffice,          // 街道办事处
    PublicInstitution,     // 事业单位
};
std::string_view to_string(BodyKind);              // "government-department"
BodyKind body_kind_from_string(std::string_view);  // Unknown when not a kind
std::string_view chinese_label(BodyKind);          // "区政府工作部门"

// The body the regulation is for, as the text states it (第二条).
struct Body {
    std::string full_name;   // 全称, e.g. 清河市云溪区自然资源局
    std::string short_name;  // 简称 defined by “（以下简称…）”
    BodyKind kind = BodyKind::Unknown;
    std::string rank;                         // 规格, e.g. 正科级
    std::vector<std::string> extra_names;     // 加挂牌子
    std::vector<std::string> hosted_offices;  // 议事协调机构办公室设在本机构
    std::string level;  // 区, 县, 市, 省 or 国家, as the nature article says
    bool operator==(const Body&) const = default;

    // Back to Body{}, strings and lists keeping their storage. A field added above is reset here.
    void reset();
};

enum class ArticleRole {
    Unknown,
    Basis,           // 依据
    Nature,          // 性质、规格
    Duties,          // 主要职责
    Units,           // 内设机构
    Staffing,        // 人员编制
    Other,           // 其他事项
    Interpretation,  // 解释
    Effective,       // 施行
};
std::string_view to_string(ArticleRole);
ArticleRole article_role_from_string(std::string_view);

// 第X条: its number and its paragraphs, the first being the text after “第X条　”.
struct Article {
    int number = 0;
    ArticleRole role = ArticleRole::Unknown;
    std::vector<std::string> paragraphs;
    SourceSpan heading;  // the “第X条” marker
    bool operator==(const Article&) const = default;
};

enum class DutyItemRole {
    Ordinary,        // a duty
    Entrusted,       // 完成…交办的其他任务
    Transformation,  // 职能转变
    Division,        // 有关职责分工
};

// 主要职责的一项, （一）… in 第三条.
struct DutyItem {
    int number = 0;  // 1 for （一）; 0 when the marker could not be read
    DutyItemRole role = DutyItemRole::Ordinary;
    std::string text;  // without the （一） marker; continuation paragraphs joined by '\n'
    SourceSpan span;
    bool operator==(const DutyItem&) const = default;
};

// 内设机构: （二）国土空间规划股。负责…
struct InternalUnit {
    int number = 0;
    std::string name;
    std::string duties;
    SourceSpan span;
    bool operator==(const InternalUnit&) const = default;
};

// 编制 of one type, e.g. 行政编制 32名.
struct Establishment {
    std::string type;
    int count = 0;
    bool operator==(const Establishment&) const = default;
};

// A leader post and its count, e.g. 局长 1名, 副局长 3名 (领导职数).
struct LeaderPost {
    std::string title;
    int count = 0;
    bool operator==(const LeaderPost&) const = default;
};

// 人员编制 as the staffing article states it.
struct Staffing {
    std::vector<Establishment> establishments;
    std::vector<LeaderPost> leaders;  // principal first
    std::string unit_level;           // 股级 / 科级 … (领导职数 of the internal units)
    int unit_posts = -1;              // -1 when not stated
    std::string breakdown;            // the “（含…）” text, if any
    SourceSpan span;
    bool operator==(const Staffing&) const = default;

    // Back to Staffing{}, strings and lists keeping their storage.
    void reset();

    int establishment(std::string_view type) const;  // 0 when the type is not stated
};

// 《…职能配置、内设机构和人员编制规定》
// How a text is laid out: the 2018— article form (第一条…), the 2008—2010 chapter form
// (一、职责调整 二、主要职责 三、内设机构 四、人员编制), or no 三定 regulation at all (a 会议通知).
enum class Layout { Articles, Chapters, NotRegulation };

struct Regulation {
    Layout layout = Layout::Articles;
    std::string title;
    std::string stage;    // “讨论稿” when marked so
    bool issued = false;  // a 印发通知 or 文号 stands above the title: an issued text, no draft
    Body body;
    std::vector<Article> articles;
    std::vector<DutyItem> duty_items;
    std::vector<InternalUnit> units;
    Staffing staffing;
    std::string effective_date;  // “2027年1月1日”, or the text between 自 and 起施行
    SourceSpan title_span;
    bool operator==(const Regulation&) const = default;

    // Back to Regulation{}, strings and lists keeping their storage. A field added above is
    // reset here.
    void reset();

    // The first article with that role, or an empty article (number 0).
    const Article& article(ArticleRole role) const;
};

// Resets every SourceSpan, to compare content regardless of where it was read from.
void clear_spans(Regulation& r);

}  // namespace sanding
