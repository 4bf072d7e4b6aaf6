#include "api_texts.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "api_util.hpp"
#include "app.hpp"
#include "sanding/check/report.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/text.hpp"
#include "sanding/text_input.hpp"
#include "uri.hpp"

namespace sanding::server::api {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

}  // namespace

void list_model_texts(Call& c) {
    Array::Ptr a = new Array;
    for (const auto& [kind, mt] : c.app.model_texts()) {
        auto x = obj();
        x->set("kind", std::string(to_string(kind)));
        x->set("label", mt.label);
        a->add(x);
    }
    c.send_json(200, a);
}

void get_model_text(Call& c) {
    auto xml = c.app.store().get_template("model-text/" + c.param("kind") + ".xml");
    if (!xml) throw ApiError{404, "model_text.not_found", "没有这类机构的范本：" + c.param("kind")};
    c.send_bytes(200, "application/xml; charset=utf-8", *xml);
}

void get_rules(Call& c) {
    c.res.set("ETag", c.app.rules_etag());
    c.res.set("Cache-Control", "no-cache");
    if (c.req.get("If-None-Match", "") == c.app.rules_etag()) return c.send_empty(304);
    auto o = obj();
    o->set("etag", c.app.rules_etag());
    Array::Ptr files = new Array;
    for (const auto& [name, xml] : c.app.store().templates_with_prefix("rules/")) {
        auto f = obj();
        f->set("name", name.substr(6));
        f->set("content", xml);
        files->add(f);
    }
    o->set("files", files);
    c.send_json(200, o);
}

void check_text(Call& c) {
    const std::string type = c.req.getContentType();
    const bool odt = type.rfind(kOdt, 0) == 0;
    if (!odt && type.rfind("text/plain", 0) != 0)
        throw ApiError{415, "request.content_type", "检查的内容应为 text/plain 或 ODT 文档"};
    const std::string bytes =
        c.body(static_cast<std::size_t>(c.app.config().max_upload_bytes), false);
    const std::string body_id = c.query("body");
    // A body the user may not see answers exactly as one that does not exist: no enumeration.
    if (!body_id.empty() &&
        (!c.user || !c.app.can_see(*c.user, body_id) || !c.app.framework().find(body_id)))
        throw ApiError{404, "body.not_found", "没有这个机构：" + printable(body_id)};
    // The same text, for the same body, under the same rules, gets the same answer: kept, not
    // redone.
    CheckCache& cache = c.app.check_cache();
    std::string key;
    if (cache.enabled()) {
        key.reserve(bytes.size() + 128);
        key.append(c.app.rules_etag())
            .append(odt ? "\nodt\n" : "\ntext\n")
            .append(body_id)
            .append("\n")
            .append(bytes);
        if (auto answer = cache.find(key))
            return c.send_bytes(200, "application/json; charset=utf-8", *answer);
    }
    if (!odt) require_utf8(bytes);  // after the cache: an answer kept was for a valid text
    // A text is read as views into the request's bytes; an .odt's paragraphs are the document's.
    Document doc;
    ParagraphViews odt_views;
    TextParagraphs text_views;
    ParagraphSpan paragraphs;
    std::vector<std::uint32_t> utf16_starts;  // where each line starts in UTF-16 units (text)
    try {
        if (odt) {
            doc = read_odt(bytes);
            odt_views = views_of(doc);
            paragraphs = odt_views;
        } else {
            text_views = text_paragraphs(bytes, &utf16_starts);
            paragraphs = text_views;
        }
    } catch (const Error& e) {
        throw ApiError{odt ? 422 : 400, e.code(), e.message()};
    }
    std::shared_ptr<const std::string> answer;
    {
        FairGate::Pass pass(c.app.check_gate());
        const CheckResult r = c.app.checker().check(paragraphs, {&c.app.framework(), body_id});
        ReportInput in{"request", paragraphs, !odt, r.body ? r.body->id : "",
                       odt ? std::string_view() : std::string_view(bytes)};
        in.utf16_starts = utf16_starts;
        answer = std::make_shared<const std::string>(report_json(r.findings, in));
    }
    if (cache.enabled()) cache.remember(key, answer);
    c.send_bytes(200, "application/json; charset=utf-8", *answer);
}

}  // namespace sanding::server::api
