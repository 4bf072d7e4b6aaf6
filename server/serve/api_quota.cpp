#include "api_quota.hpp"

#include <Poco/JSON/Array.h>

#include "api_util.hpp"
#include "sanding/quota.hpp"

namespace sanding::server::api {

void revision_quota(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    const Regulation draft = regulation_of(c.app, b.id, revision_param(c));
    const BodyFacts* facts = c.app.framework().find(b.id);
    if (!facts) throw ApiError{404, "framework.no_body", "编制职数框架中没有这个机构"};
    static const char* verdicts[] = {"match", "over", "under", "not_stated", "not_in_framework"};
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    bool all = true;
    for (const auto& l : compare_quota(*facts, draft)) {
        auto x = obj();
        x->set("label", l.label);
        x->set("framework",
               l.framework < 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(l.framework));
        x->set("draft", l.draft < 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(l.draft));
        x->set("verdict", verdicts[static_cast<int>(l.verdict)]);
        x->set("verdict_label", std::string(chinese_label(l.verdict)));
        all = all && l.verdict == QuotaLine::Verdict::Match;
        lines->add(x);
    }
    auto o = obj();
    o->set("lines", lines);
    o->set("all_match", all);
    c.send_json(200, o);
}

}  // namespace sanding::server::api
