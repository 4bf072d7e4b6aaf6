#include "sanding/odf_fix.hpp"

#include <algorithm>
#include <ctime>

#include "odf_internal.hpp"
#include "sanding/check/fix.hpp"
#include "sanding/clock.hpp"
#include "sanding/error.hpp"
#include "sanding/zip.hpp"

namespace sanding {
namespace {

constexpr std::string_view kNsText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kNsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kNsDc = "http://purl.org/dc/elements/1.1/";

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};

// ODF's dc:date without the zone letter.
std::string change_date() {
    return sanding::now_iso().substr(0, 19);
}

std::string ensure_prefix(pugi::xml_node root, std::string_view ns, const char* wanted) {
    std::string p = odf_prefix(root, ns);
    if (!p.empty()) return p;
    root.append_attribute((std::string("xmlns:") + wanted).c_str()) = std::string(ns).c_str();
    return wanted;
}

}  // namespace

OdtFixResult apply_fixes_as_tracked_changes(const std::string& odt_bytes,
                                            const std::vector<Finding>& findings,
                                            const std::string& author) {
    ZipArchive zip(odt_bytes);
    pugi::xml_document doc;
    const std::string xml = zip.read("content.xml");
    pugi::xml_node office_text = parse_odf_content(doc, xml);
    ParagraphSegments segments;
    const Document paragraphs = walk_odf_text(office_text, {}, &segments);

    pugi::xml_node root = doc.document_element();
    const std::string t = ensure_prefix(root, kNsText, "text") + ":";
    const std::string o = ensure_prefix(root, kNsOffice, "office") + ":";
    const std::string dc = ensure_prefix(root, kNsDc, "dc") + ":";

    // The tracked-changes list is the first child of office:text.
    pugi::xml_node tracked = office_text.child((t + "tracked-changes").c_str());
    if (!tracked) tracked = office_text.prepend_child((t + "tracked-changes").c_str());
    if (!tracked.attribute((t + "track-changes").c_str()))
        tracked.append_attribute((t + "track-changes").c_str()) = "true";
    const std::string date = change_date();
    int next_id = 0;
    auto region = [&](const char* kind, const std::string& deleted) {
        std::string id;
        do id = "sanding-ct" + std::to_string(++next_id);
        while (tracked.find_child_by_attribute((t + "changed-region").c_str(), (t + "id").c_str(),
                                               id.c_str()));
        pugi::xml_node r = tracked.append_child((t + "changed-region").c_str());
        r.append_attribute((t + "id").c_str()) = id.c_str();
        r.append_attribute("xml:id") = id.c_str();
        pugi::xml_node k = r.append_child((t + kind).c_str());
        pugi::xml_node info = k.append_child((o + "change-info").c_str());
        info.append_child((dc + "creator").c_str()).text() = author.c_str();
        info.append_child((dc + "date").c_str()).text() = date.c_str();
        if (std::string_view(kind) == "deletion")
            k.append_child((t + "p").c_str()).text() = deleted.c_str();
        return id;
    };

    OdtFixResult result;
    for (std::size_t p = 0; p < segments.size(); ++p) {
        std::vector<Finding> mine;
        for (const auto& f : findings)
            if (f.paragraph == static_cast<int>(p)) mine.push_back(f);
        std::vector<Edit> edits = safe_fix_edits(mine);
        // Right to left, so that the text before an edit keeps its node and offsets.
        for (auto e = edits.rbegin(); e != edits.rend(); ++e) {
            auto seg =
                std::find_if(segments[p].begin(), segments[p].end(), [&](const TextSegment& s) {
                    return s.offset <= e->offset && e->offset + e->length <= s.offset + s.length &&
                           (e->length > 0 || e->offset < s.offset + s.length ||
                            s.offset + s.length == paragraphs.paragraphs[p].text.size());
                });
            if (seg == segments[p].end()) {
                ++result.skipped;
                continue;
            }
            const std::string value = seg->node.value();
            const std::size_t local = e->offset - seg->offset;
            pugi::xml_node parent = seg->node.parent();
            pugi::xml_node after_text = parent.insert_child_after(pugi::node_pcdata, seg->node);
            after_text.set_value(value.substr(local + e->length).c_str());
            pugi::xml_node anchor = seg->node;
            if (e->length > 0) {
                pugi::xml_node mark = parent.insert_child_after((t + "change").c_str(), anchor);
                mark.append_attribute((t + "change-id").c_str()) =
                    region("deletion", value.substr(local, e->length)).c_str();
                anchor = mark;
            }
            if (!e->replacement.empty()) {
                const std::string id = region("insertion", {});
                pugi::xml_node start =
                    parent.insert_child_after((t + "change-start").c_str(), anchor);
                start.append_attribute((t + "change-id").c_str()) = id.c_str();
                pugi::xml_node inserted = parent.insert_child_after(pugi::node_pcdata, start);
                inserted.set_value(e->replacement.c_str());
                pugi::xml_node end =
                    parent.insert_child_after((t + "change-end").c_str(), inserted);
                end.append_attribute((t + "change-id").c_str()) = id.c_str();
            }
            seg->node.set_value(value.substr(0, local).c_str());
            seg->length = local;
            ++result.applied;
        }
    }
    if (!tracked.first_child()) office_text.remove_child(tracked);

    StringWriter w;
    doc.save(w, "", pugi::format_raw | pugi::format_no_declaration);
    const std::string content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + w.out;

    ZipWriter out;
    if (zip.find("mimetype")) out.add("mimetype", zip.read("mimetype"), false);
    for (const auto& e : zip.entries()) {
        if (e.name == "mimetype") continue;
        out.add(e.name, e.name == "content.xml" ? content : zip.read(e.name), e.name.back() != '/');
    }
    result.odt = out.finish();
    return result;
}

}  // namespace sanding
