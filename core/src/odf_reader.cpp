#include "sanding/odf_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>

#include "odf_internal.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

constexpr std::string_view kNsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kNsText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kNsTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

// Element names are compared as "prefix:local" with the prefixes the file itself declares, so a
// file that binds the ODF namespaces to unusual prefixes is read correctly too.
class Names {
public:
    explicit Names(pugi::xml_node root) {
        for (auto a : root.attributes()) {
            std::string_view n = a.name();
            if (!starts_with(n, "xmlns:")) continue;
            prefix_[std::string(a.value())] = std::string(n.substr(6)) + ":";
        }
    }
    std::string q(std::string_view ns, std::string_view local) const {
        auto it = prefix_.find(std::string(ns));
        return (it == prefix_.end() ? std::string("\x01") : it->second) + std::string(local);
    }

private:
    std::map<std::string, std::string> prefix_;
};

class ContentWalker {
public:
    ContentWalker(const Names& names, const OdtLimits& limits, Document& out,
                  ParagraphSegments* segments)
        : limits_(limits), out_(out), segments_(segments) {
        p_ = names.q(kNsText, "p"), h_ = names.q(kNsText, "h");
        s_ = names.q(kNsText, "s"), tab_ = names.q(kNsText, "tab");
        line_break_ = names.q(kNsText, "line-break");
        list_ = names.q(kNsText, "list"), list_item_ = names.q(kNsText, "list-item");
        list_header_ = names.q(kNsText, "list-header");
        tracked_ = names.q(kNsText, "tracked-changes");
        note_ = names.q(kNsText, "note"), ruby_ = names.q(kNsText, "ruby");
        ruby_text_ = names.q(kNsText, "ruby-text");
        annotation_ = names.q(kNsOffice, "annotation");
        annotation_end_ = names.q(kNsOffice, "annotation-end");
        table_ = names.q(kNsTable, "table"), cell_ = names.q(kNsTable, "table-cell");
        count_attr_ = names.q(kNsText, "c");
        table_prefix_ = names.q(kNsTable, "");
    }

    void block(pugi::xml_node node, ParagraphKind context, std::size_t depth) {
        if (depth > limits_.max_depth)
            throw Error("odt.too_deep",
                        "文档结构嵌套过深（超过 " + std::to_string(limits_.max_depth) + " 层）");
        for (auto child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view name = child.name();
            if (name == p_ || name == h_) {
                paragraph(child, name == h_ && context == ParagraphKind::Body
                                     ? ParagraphKind::Heading
                                     : context);
            } else if (name == tracked_) {
                continue;  // deleted text of tracked changes lives here, outside the text flow
            } else if (name == list_ || name == list_item_ || name == list_header_) {
                block(child, context == ParagraphKind::Body ? ParagraphKind::ListItem : context,
                      depth + 1);
            } else if (name == cell_) {
                block(child, ParagraphKind::TableCell, depth + 1);
            } else if (name == table_ || starts_with(name, table_prefix_)) {
                block(child, context, depth + 1);  // rows, row groups, header rows
            } else if (child.first_child()) {
                block(child, context, depth + 1);  // sections, index bodies, change regions
            }
        }
    }

private:
    void paragraph(pugi::xml_node node, ParagraphKind kind) {
        if (out_.paragraphs.size() >= limits_.max_paragraphs)
            throw Error("odt.too_many_paragraphs",
                        "段落过多（超过 " + std::to_string(limits_.max_paragraphs) + " 段）");
        Paragraph para;
        para.kind = kind;
        pending_space_ = false;
        current_segments_.clear();
        inline_text(node, para.text, 0);
        grow(para.text, 0);
        text_bytes_ += para.text.size();
        out_.paragraphs.push_back(std::move(para));
        if (segments_) segments_->push_back(current_segments_);
    }

    // Refuses text past max_text_bytes before it is appended: a hostile text:s could otherwise
    // turn a small file into gigabytes of spaces.
    void grow(const std::string& out, std::size_t more) const {
        if (text_bytes_ + out.size() + more > limits_.max_text_bytes)
            throw Error("odt.too_much_text",
                        "文档文字过多（超过 " + std::to_string(limits_.max_text_bytes) + " 字节）");
    }

    // ODF collapses runs of white space in character data; text:s, text:tab and text:line-break
    // are the explicit forms and are kept as they are.
    void char_data(std::string_view v, std::string& out) {
        for (char c : v) {
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                if (!pending_space_ && !out.empty()) out += ' ';
                pending_space_ = true;
            } else {
                out += c;
                pending_space_ = false;
            }
        }
    }

    void inline_text(pugi::xml_node node, std::string& out, std::size_t depth) {
        if (depth > limits_.max_depth) throw Error("odt.too_deep", "文档结构嵌套过深");
        for (auto child : node.children()) {
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
                const std::size_t before = out.size();
                char_data(child.value(), out);
                // The fixer edits character data in place, so it needs to know which nodes hold
                // which bytes of the paragraph, exactly (collapsed white space does not count).
                if (segments_ && std::string_view(out).substr(before) == child.value())
                    current_segments_.push_back({child, before, out.size() - before});
                continue;
            }
            if (child.type() != pugi::node_element) continue;
            std::string_view name = child.name();
            if (name == s_) {
                const int c = child.attribute(count_attr_.c_str()).as_int(1);
                const auto n = static_cast<std::size_t>(std::clamp(c, 1, 1000));
                grow(out, n);
                out.append(n, ' ');
                pending_space_ = false;
            } else if (name == tab_) {
                out += '\t', pending_space_ = false;
            } else if (name == line_break_) {
                out += '\n', pending_space_ = false;
            } else if (name == note_ || name == annotation_ || name == annotation_end_ ||
                       name == ruby_text_) {
                continue;  // footnotes, comments and ruby annotations are not the paragraph's text
            } else if (name == p_ || name == h_ || name == list_ || name == table_) {
                continue;  // block content inside frames belongs to no paragraph of the flow
            } else {
                inline_text(child, out, depth + 1);  // spans, links, fields, ruby base, meta
            }
        }
    }

    const OdtLimits& limits_;
    Document& out_;
    ParagraphSegments* segments_;
    std::vector<TextSegment> current_segments_;
    bool pending_space_ = false;
    std::size_t text_bytes_ = 0;  // in the paragraphs already read
    std::string p_, h_, s_, tab_, line_break_, list_, list_item_, list_header_, tracked_, note_,
        ruby_, ruby_text_, annotation_, annotation_end_, table_, cell_, count_attr_, table_prefix_;
};

}  // namespace

pugi::xml_node parse_odf_content(pugi::xml_document& doc, std::string_view xml,
                                 std::size_t max_nodes) {
    std::size_t nodes = 0;
    for (std::size_t i = 0; i + 1 < xml.size(); ++i) {
        const char c = xml[i], next = xml[i + 1];
        if ((c == '<' && next != '/') || (c == '=' && (next == '"' || next == '\'')))
            if (++nodes > max_nodes)
                throw Error("odt.too_many_nodes",
                            "文档结构过于庞大（content.xml 中元素和属性超过 " +
                                std::to_string(max_nodes) + " 个）");
    }
    std::size_t bad = 0;
    if (!is_valid_utf8(xml, &bad))
        throw Error("odt.invalid_utf8",
                    "content.xml 含有无效的 UTF-8 字节（偏移 " + std::to_string(bad) + "）");
    // parse_doctype so that a DOCTYPE is seen and refused rather than silently skipped:
    // ODF has no DTD, and entity declarations are the classic expansion attack.
    // parse_ws_pcdata keeps white-space-only character data such as the space in
    // "<text:span>a</text:span> <text:span>b</text:span>", which is part of the text.
    auto res = doc.load_buffer(xml.data(), xml.size(),
                               pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata,
                               pugi::encoding_utf8);
    if (!res)
        throw Error("odt.bad_xml", std::string("content.xml 不是格式正确的 XML：") +
                                       res.description() + "（偏移 " + std::to_string(res.offset) +
                                       "）");
    for (auto n : doc.children())
        if (n.type() == pugi::node_doctype)
            throw Error("odt.doctype", "content.xml 含有 DOCTYPE 声明（不允许 DTD 和实体定义）");
    pugi::xml_node root = doc.document_element();
    Names names(root);
    if (root.name() != names.q(kNsOffice, "document-content") &&
        root.name() != names.q(kNsOffice, "document"))
        throw Error(
            "odt.not_odf",
            std::string("content.xml 的根元素不是 office:document-content：") + root.name());
    pugi::xml_node text =
        root.child(names.q(kNsOffice, "body").c_str()).child(names.q(kNsOffice, "text").c_str());
    if (!text)
        throw Error("odt.not_text",
                    "不是文字文档：content.xml 中没有 office:text（可能是表格或演示文稿）");
    return text;
}

Document walk_odf_text(pugi::xml_node office_text, const OdtLimits& limits,
                       ParagraphSegments* segments) {
    Document out;
    pugi::xml_node root = office_text.parent().parent();  // office:document-content
    Names names(root);
    ContentWalker(names, limits, out, segments).block(office_text, ParagraphKind::Body, 0);
    return out;
}

std::string odf_prefix(pugi::xml_node root, std::string_view ns) {
    for (auto a : root.attributes()) {
        std::string_view n = a.name();
        if (starts_with(n, "xmlns:") && ns == a.value()) return std::string(n.substr(6));
    }
    return {};
}

Document read_odf_content_xml(std::string_view xml, const OdtLimits& limits) {
    pugi::xml_document doc;
    return walk_odf_text(parse_odf_content(doc, xml, limits.max_xml_nodes), limits, nullptr);
}

Document read_odt(std::string bytes, const OdtLimits& limits) {
    ZipArchive zip(std::move(bytes), limits.zip);
    if (const ZipEntry* m = zip.find("mimetype")) {
        if (m->uncompressed_size > 200) throw Error("odt.bad_mimetype", "mimetype 条目过长");
        std::string type = zip.read("mimetype");
        // Templates, master documents and Writer/Web files (what LibreOffice saves an HTML import
        // as) hold office:text too.
        if (type != "application/vnd.oasis.opendocument.text" &&
            type != "application/vnd.oasis.opendocument.text-template" &&
            type != "application/vnd.oasis.opendocument.text-master" &&
            type != "application/vnd.oasis.opendocument.text-web")
            throw Error("odt.not_text", "不是 ODF 文字文档（mimetype 为 " + type + "）");
    }
    if (!zip.find("content.xml")) throw Error("odt.missing_content", "ODT 文档缺少 content.xml");
    return read_odf_content_xml(zip.read("content.xml"), limits);
}

Document read_odt_file(const std::string& path, const OdtLimits& limits) {
    try {
        return read_odt(read_file(path, limits.zip.max_archive_bytes), limits);
    } catch (const Error& e) {
        if (!e.where().empty()) throw;
        throw Error(e.code(), e.message(), path);
    }
}

}  // namespace sanding
