#include "sanding/render.hpp"

#include "sanding/odf_writer.hpp"
#include "sanding/text.hpp"

namespace sanding {

Document layout_document(const Regulation& reg) {
    Document doc;
    // Break the title into the body's name and the fixed words, the usual 梯形 shape. Built by
    // appending: GCC 12's -Wrestrict misreads an insert into the string at -O3 (a Release build
    // with -Werror failed on it).
    std::string title;
    if (auto at = reg.title.find("职能配置"); at != std::string::npos && at > 0)
        title.append(reg.title, 0, at).append("\n").append(reg.title, at);
    else
        title = reg.title;
    doc.paragraphs.push_back({title, ParagraphKind::Title});
    if (!reg.stage.empty())
        doc.paragraphs.push_back({"（" + reg.stage + "）", ParagraphKind::Stage});
    for (const auto& a : reg.articles) {
        for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
            if (i == 0) {
                doc.paragraphs.push_back(
                    {"第" + chinese_numeral(a.number) + "条\u3000" + a.paragraphs[0],
                     ParagraphKind::ArticleStart});
            } else {
                doc.paragraphs.push_back({a.paragraphs[i], ParagraphKind::Body});
            }
        }
    }
    return doc;
}

std::string render_odt(const Regulation& reg) {
    return write_odt(layout_document(reg), {reg.title, reg.stage});
}

}  // namespace sanding
