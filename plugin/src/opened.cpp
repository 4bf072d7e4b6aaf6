#include "opened.hpp"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/text/XParagraphCursor.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextFieldsSupplier.hpp>
#include <com/sun/star/util/XSearchable.hpp>
#include <cppuhelper/weakref.hxx>
#include <osl/file.hxx>

#include <com/sun/star/util/DateTime.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "client.hpp"
#include "sanding/crypto.hpp"
#include "strings.hpp"

namespace sanding::plugin {

using namespace css;
using rtl::OUString;

namespace {

beans::PropertyValue property(const char* name, const uno::Any& value) {
    beans::PropertyValue p;
    p.Name = OUString::createFromAscii(name);
    p.Value = value;
    return p;
}

// "第三条" when the paragraph starts with an article heading, else "".
std::string article_heading(const std::string& paragraph) {
    static const std::string numerals = "一二三四五六七八九十百零〇";
    if (paragraph.rfind("第", 0) != 0) return {};
    std::size_t i = std::string("第").size();
    while (i + 3 <= paragraph.size() && numerals.find(paragraph.substr(i, 3)) != std::string::npos)
        i += 3;
    if (i == 3 || paragraph.compare(i, 3, "条") != 0) return {};
    return paragraph.substr(0, i + 3);
}

// The article a place in the text stands in: the nearest article heading at or before its
// paragraph.
std::string article_of(const uno::Reference<text::XTextRange>& place) {
    try {
        uno::Reference<text::XParagraphCursor> c(
            place->getText()->createTextCursorByRange(place->getStart()), uno::UNO_QUERY);
        if (!c.is()) return {};
        for (int guard = 0; guard < 100000; ++guard) {
            c->gotoStartOfParagraph(false);
            c->gotoEndOfParagraph(true);
            if (std::string a = article_heading(utf8(c->getString())); !a.empty()) return a;
            c->gotoStartOfParagraph(false);
            if (!c->gotoPreviousParagraph(false)) return {};
        }
    } catch (const uno::Exception&) {
    }
    return {};
}

// "2026-12-03 14:05" as a UNO date and time; nothing when it does not read so.
std::optional<util::DateTime> date_time(const std::string& s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5)
        return std::nullopt;
    util::DateTime t;
    t.Year = static_cast<sal_Int16>(y), t.Month = static_cast<sal_uInt16>(mo),
    t.Day = static_cast<sal_uInt16>(d);
    t.Hours = static_cast<sal_uInt16>(h), t.Minutes = static_cast<sal_uInt16>(mi);
    return t;
}

std::string safe_file_name(std::string s) {
    for (char& ch : s)
        if (ch == '/' || ch == '\\' || ch == ':' || ch == '*' || ch == '?' || ch == '"' ||
            ch == '<' || ch == '>' || ch == '|')
            ch = '_';
    return s;
}

std::mutex registry_mutex;
std::vector<std::pair<uno::WeakReference<frame::XModel>, OpenedFrom>> registry;

void remember(const uno::Reference<frame::XModel>& model, OpenedFrom from) {
    std::lock_guard<std::mutex> lock(registry_mutex);
    std::erase_if(registry,
                  [](const auto& e) { return !uno::Reference<frame::XModel>(e.first).is(); });
    registry.emplace_back(model, std::move(from));
}

}  // namespace

std::optional<OpenedFrom> opened_from(const uno::Reference<frame::XModel>& model) {
    std::lock_guard<std::mutex> lock(registry_mutex);
    for (const auto& [weak, from] : registry)
        if (uno::Reference<frame::XModel>(weak) == model) return from;
    return std::nullopt;
}

std::string revision_file_url(const api::Body& body, long long n) {
    const std::string name = safe_file_name(body.short_name + "-修订" + std::to_string(n));
    const std::string bytes = api::revision_bytes(body.id, n);
    // A folder of its own: the same revision opened twice (or by two offices) must not share a
    // file, or LibreOffice's lock file makes the second load wait on a question.
    const auto dir = std::filesystem::temp_directory_path() / ("sanding-" + crypto::random_hex(6));
    std::filesystem::create_directories(dir);
    const auto path = dir / (name + ".odt");
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    OUString url;
    osl::FileBase::getFileURLFromSystemPath(u(path.string()), url);
    return utf8(url);
}

uno::Reference<frame::XModel> open_revision(const Invocation& inv, const OpenRevision& what) {
    const std::string name =
        safe_file_name(what.body->short_name + "-修订" + std::to_string(what.number));
    const OUString url = u(revision_file_url(*what.body, what.number));
    // Opened as a new document from the revision: the window is titled by the name, and 保存 asks
    // where to keep it (suggesting the name) instead of writing into the temporary folder.
    uno::Sequence<beans::PropertyValue> props(3);
    props[0] = property("AsTemplate", uno::Any(true));
    props[1] = property("DocumentTitle", uno::Any(u(name)));
    props[2] = property("SuggestedSaveAsName", uno::Any(u(name + ".odt")));
    uno::Reference<frame::XModel> model(
        frame::Desktop::create(inv.ctx)->loadComponentFromURL(url, "_blank", 0, props),
        uno::UNO_QUERY);
    if (!model.is()) throw ServerError{"修订 " + std::to_string(what.number) + " 未能打开"};
    remember(model, {what.body->id, what.number});
    if (!what.comments.empty())
        place_comments(model, what.comments, what.comment_author, what.comment_time);
    if (what.read_only) {
        // The reviewer reads and adds 批注; anything typed into the text shows as a tracked change
        // (and is never uploaded: a reviewer returns or approves, the drafter edits).
        uno::Reference<beans::XPropertySet>(model, uno::UNO_QUERY)
            ->setPropertyValue("RecordChanges", uno::Any(true));
    }
    return model;
}

std::vector<api::ReviewComment> document_comments(const uno::Reference<frame::XModel>& model) {
    std::vector<api::ReviewComment> out;
    uno::Reference<text::XTextFieldsSupplier> fields(model, uno::UNO_QUERY);
    if (!fields.is()) return out;
    auto e = fields->getTextFields()->createEnumeration();
    while (e->hasMoreElements()) {
        uno::Reference<lang::XServiceInfo> info(e->nextElement(), uno::UNO_QUERY);
        if (!info.is() || !info->supportsService("com.sun.star.text.textfield.Annotation"))
            continue;
        uno::Reference<beans::XPropertySet> props(info, uno::UNO_QUERY);
        OUString content;
        props->getPropertyValue("Content") >>= content;
        uno::Reference<text::XTextRange> anchor =
            uno::Reference<text::XTextContent>(info, uno::UNO_QUERY)->getAnchor();
        api::ReviewComment c{article_of(anchor), utf8(anchor->getString()), utf8(content)};
        if (!c.text.empty()) out.push_back(std::move(c));
    }
    return out;
}

int place_comments(const uno::Reference<frame::XModel>& model,
                   const std::vector<api::ReviewComment>& comments, const std::string& author,
                   const std::string& local_time) {
    uno::Reference<util::XSearchable> searchable(model, uno::UNO_QUERY);
    uno::Reference<lang::XMultiServiceFactory> factory(model, uno::UNO_QUERY);
    uno::Reference<text::XTextDocument> doc(model, uno::UNO_QUERY);
    int placed = 0;
    for (const auto& c : comments) {
        uno::Reference<text::XTextRange> where;
        if (!c.quote.empty()) {
            auto d = searchable->createSearchDescriptor();
            d->setSearchString(u(c.quote));
            uno::Reference<text::XTextRange> first;
            for (auto found = searchable->findFirst(d); found.is();
                 found = searchable->findNext(found, d)) {
                uno::Reference<text::XTextRange> r(found, uno::UNO_QUERY);
                if (!first.is()) first = r;
                if (c.article.empty() || article_of(r) == c.article) {
                    where = r;
                    break;
                }
            }
            if (!where.is()) where = first;
        }
        std::string text = c.text;
        const bool at_quote = where.is();
        if (at_quote)
            ++placed;
        else {
            // Not found (or a remark on the whole): at the document's start, naming its words.
            where = uno::Reference<text::XTextRange>(
                doc->getText()->createTextCursorByRange(doc->getText()->getStart()),
                uno::UNO_QUERY);
            if (!c.quote.empty())
                text = (c.article.empty() ? "" : c.article + " ") + "“" + c.quote + "”：" + text;
        }
        uno::Reference<beans::XPropertySet> field(
            factory->createInstance("com.sun.star.text.textfield.Annotation"), uno::UNO_QUERY);
        field->setPropertyValue("Author", uno::Any(u(author)));
        field->setPropertyValue("Content", uno::Any(u(text)));
        if (auto when = date_time(local_time))
            field->setPropertyValue("DateTimeValue", uno::Any(*when));
        // Over the quoted words (absorbing them makes the 批注 mark that span); a point otherwise.
        where->getText()->insertTextContent(
            where, uno::Reference<text::XTextContent>(field, uno::UNO_QUERY), at_quote);
    }
    return placed;
}

}  // namespace sanding::plugin
