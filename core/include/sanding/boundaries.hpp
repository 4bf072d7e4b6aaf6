// Duty boundaries across bodies (职责边界): pairs of duties in different bodies' drafts that say
// the same thing (交叉), and duties nobody carries (空白). Texts are compared after ICU
// normalisation with the stop phrases every duty shares removed, as sets of character bigrams
// weighted by how rare they are across all duties (a bigram in half the duties says little); an
// inverted index of the rarer bigrams finds the candidate pairs, an exact weighted cosine ranks
// them. Time grows with the number of duties, not with its square.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sanding/model.hpp"

namespace sanding {

// One catalogue duty (职责目录): a duty the district must have covered after the reform.
struct CatalogueDuty {
    std::string id;                     // e.g. nr-01
    std::string body;                   // body id expected to carry it
    std::string text;                   // a short statement of the duty
    std::vector<std::string> keywords;  // words a draft's wording of it is likely to contain
};

struct DutyCatalogue {
    std::string id;
    std::vector<CatalogueDuty> duties;
};
// Errors: Error "catalogue.*" naming the file and, where known, the line.
DutyCatalogue load_catalogue(const std::string& path);
// The same from the file's bytes; `where` names it in errors.
DutyCatalogue parse_catalogue(std::string_view xml, const std::string& where);

// One body's latest draft, as the boundary analysis sees it.
struct BoundaryDraft {
    std::string body;                  // body id (or the file it came from)
    std::string name;                  // the body's name as users read it, e.g. 区自然资源局
    std::vector<std::string> aliases;  // other names the draft's 职责分工 items may use (简称…)
    Regulation regulation;             // duty items, units, 有关职责分工 items
};

// The text one duty comes from: a duty item of 第三条 or an internal unit's duties.
struct DutySource {
    int draft = -1;          // index into the drafts given
    std::string body, name;  // as the draft's
    std::string where;       // “第三条（五）” or “内设机构：规划股”
    std::string text;
    int paragraph = -1;
    // Byte ranges of text shared with the other side of the pair (for marking), merged, in order.
    std::vector<std::pair<std::size_t, std::size_t>> shared;
};

// How the two bodies' verbs divide the duty: 负责 in both is a conflict; 负责 against
// 配合/参与/协助 is a division of labour already; anything else is left to the meeting.
enum class VerbRelation { Conflict, Division, Unclear };
std::string_view to_string(VerbRelation);      // "conflict"
std::string_view chinese_label(VerbRelation);  // "均为负责（冲突）"

struct Overlap {
    DutySource a, b;   // a's draft index < b's
    double score = 0;  // weighted cosine of the normalised texts, 0…1
    VerbRelation verbs = VerbRelation::Unclear;
    // Resolved when either body's 有关职责分工 item names the other body and the duty.
    bool resolved = false;
    std::string resolved_by;  // that item's text
};

enum class GapKind {
    Uncovered,          // a catalogue duty no draft covers
    NoUnit,             // D12: a duty item of a body none of its internal units carries
    DivisionUnclaimed,  // a 职责分工 item gives a duty to a body whose draft does not claim it
};
std::string_view to_string(GapKind);      // "uncovered"
std::string_view chinese_label(GapKind);  // "目录职责无人承担"

struct Gap {
    GapKind kind = GapKind::Uncovered;
    std::string body;       // the body expected to carry it (catalogue), whose draft has it (D12),
                            // or named by the 职责分工 item
    std::string body_name;  // its name, when a draft of it was given or fill_gap_names found it
    std::string catalogue_id;  // Uncovered only
    std::string text;          // the duty as the catalogue, item or 职责分工 item says it
    std::string where;         // in the draft, when it comes from one
    std::string message;       // for the user, Chinese
};

struct BoundaryOptions {
    double min_score = 0.45;  // pairs below are not reported
    // A draft duty covers a catalogue duty, a unit covers a duty item, a 职责分工 clause names a
    // duty, when the shorter text's weight found in the other is at least this share.
    double cover_score = 0.5;
    bool units = true;  // also pair internal units' duties across bodies
};

struct BoundaryReport {
    std::vector<Overlap> overlaps;  // unresolved first, then by score, highest first
    std::vector<Gap> gaps;
    std::size_t duties = 0;  // duty texts compared
};

// Never fails: drafts with nothing recognised contribute nothing. catalogue may be nullptr
// (then no Uncovered gaps).
BoundaryReport find_boundaries(const std::vector<BoundaryDraft>& drafts,
                               const DutyCatalogue* catalogue, const BoundaryOptions& options = {});

// Names for gaps of bodies without a draft (Uncovered), from (body id, name) pairs; the message
// is rewritten with the name.
void fill_gap_names(BoundaryReport& report,
                    const std::vector<std::pair<std::string, std::string>>& names);

// The report for people: unresolved pairs first, each with both texts, the shared part in 【】;
// then the gaps. For programs: JSON with byte ranges of the shared parts.
// Neither fails: an empty report is a report saying so.
std::string boundaries_text(const BoundaryReport& report);
std::string boundaries_json(const BoundaryReport& report);
// text with the ranges (as DutySource::shared) wrapped in open/close.
std::string mark_shared(const DutySource& s, std::string_view open = "【",
                        std::string_view close = "】");

// What the coordination meeting decided for one contested duty: which body leads, which supports.
struct BoundaryDecision {
    std::string lead, support;            // body ids
    std::string duty;                     // the duty as decided
    std::string lead_name, support_name;  // their names, for a body with no draft among those given
};
// The bodies (lead, support or both) whose draft's 有关职责分工 does not yet state the decision: a
// clause naming the other body and the duty. A body without a draft among `drafts` is pending.
std::vector<std::string> decision_pending(const std::vector<BoundaryDraft>& drafts,
                                          const BoundaryDecision& decision,
                                          const BoundaryOptions& options = {});

// The meeting paper 职责边界协调会议材料 (GB/T 9704 layout, odf_writer): the title, `subtitle`
// (e.g. “（云溪区2026年机构改革　2026年12月3日）”), one section per unresolved overlap with both
// bodies' wording, the score and the verbs, and a blank 协调意见 line; then the gaps.
struct Document;
Document meeting_paper(const BoundaryReport& report, const std::string& subtitle);
// The same paper as .odt bytes; never fails (an empty report makes a paper saying so).
std::string meeting_paper_odt(const BoundaryReport& report, const std::string& subtitle);

// --- the pieces, for tests and for callers comparing two texts ------------------------------

// NFKC, punctuation and spaces removed, the stop phrases (贯彻执行…法律法规和方针政策, 完成…交办…,
// 负责/承担…工作 fillers) cut out. Han and alphanumerics only, UTF-8.
std::string normalize_duty(std::string_view text);
// 负责/牵头/主管 → lead; 配合/参与/协助/协同 → support; the first such verb decides.
enum class DutyVerb { None, Lead, Support };
DutyVerb duty_verb(std::string_view text);

}  // namespace sanding
