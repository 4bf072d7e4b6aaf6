#include "document.hpp"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/text/XTextViewCursorSupplier.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>

#include <algorithm>
#include "strings.hpp"

namespace sanding::plugin {
namespace {

using namespace css;

void collect(const uno::Reference<text::XText>& text, std::vector<DocumentParagraph>& out) {
    uno::Reference<container::XEnumerationAccess> access(text, uno::UNO_QUERY);
    if (!access.is()) return;
    auto e = access->createEnumeration();
    while (e->hasMoreElements()) {
        uno::Reference<lang::XServiceInfo> info(e->nextElement(), uno::UNO_QUERY);
        if (!info.is()) continue;
        if (info->supportsService("com.sun.star.text.TextTable")) {
            uno::Reference<text::XTextTable> table(info, uno::UNO_QUERY);
            for (const auto& name : table->getCellNames()) {  // row by row, as in the .odt
                uno::Reference<text::XText> cell(table->getCellByName(name), uno::UNO_QUERY);
                collect(cell, out);
            }
        } else if (info->supportsService("com.sun.star.text.Paragraph")) {
            uno::Reference<text::XTextRange> range(info, uno::UNO_QUERY);
            out.push_back({range, utf8(range->getString())});
        }
    }
}

uno::Reference<text::XTextCursor> span_cursor(const DocumentParagraph& p, std::size_t offset,
                                              std::size_t length) {
    auto cursor = p.range->getText()->createTextCursorByRange(p.range->getStart());
    cursor->goRight(static_cast<sal_Int16>(std::min<std::size_t>(offset, 32767)), false);
    cursor->goRight(static_cast<sal_Int16>(std::min<std::size_t>(length, 32767)), true);
    return cursor;
}

}  // namespace

std::vector<DocumentParagraph> document_paragraphs(const uno::Reference<frame::XModel>& model) {
    std::vector<DocumentParagraph> out;
    uno::Reference<text::XTextDocument> doc(model, uno::UNO_QUERY);
    if (doc.is()) collect(doc->getText(), out);
    return out;
}

bool select_finding(const uno::Reference<frame::XModel>& model,
                    const std::vector<DocumentParagraph>& paragraphs, const Finding& f) {
    if (f.paragraph < 0 || f.paragraph >= static_cast<int>(paragraphs.size())) return false;
    auto cursor = span_cursor(paragraphs[f.paragraph], f.offset_utf16, f.length_utf16);
    uno::Reference<view::XSelectionSupplier> sel(model->getCurrentController(), uno::UNO_QUERY);
    return sel.is() &&
           sel->select(uno::Any(uno::Reference<text::XTextRange>(cursor, uno::UNO_QUERY)));
}

int apply_safe_fixes(const uno::Reference<frame::XModel>& model,
                     const std::vector<DocumentParagraph>& paragraphs,
                     const std::vector<Finding>& findings) {
    uno::Reference<beans::XPropertySet> props(model, uno::UNO_QUERY);
    // Every fix a tracked change; afterwards recording is as the drafter had it, so that what
    // is typed next is not tracked unless it was before.
    bool was_recording = false;
    props->getPropertyValue("RecordChanges") >>= was_recording;
    props->setPropertyValue("RecordChanges", uno::Any(true));
    struct Restore {
        uno::Reference<beans::XPropertySet> props;
        bool value;
        ~Restore() {
            try {
                props->setPropertyValue("RecordChanges", uno::Any(value));
            } catch (const uno::Exception&) {
            }
        }
    } restore{props, was_recording};
    std::vector<const Finding*> safe;
    for (const auto& f : findings)
        if (f.safe_fix && !f.suggestions.empty() && f.paragraph >= 0 &&
            f.paragraph < static_cast<int>(paragraphs.size()))
            safe.push_back(&f);
    // Right to left within a paragraph keeps the offsets of the fixes still to come; overlapping
    // fixes after the first are left for the drafter.
    std::sort(safe.begin(), safe.end(), [](const Finding* a, const Finding* b) {
        return a->paragraph != b->paragraph ? a->paragraph < b->paragraph
                                            : a->offset_utf16 > b->offset_utf16;
    });
    int applied = 0, last_paragraph = -1;
    std::size_t limit = 0;
    for (const Finding* f : safe) {
        if (f->paragraph != last_paragraph) last_paragraph = f->paragraph, limit = SIZE_MAX;
        if (f->offset_utf16 + f->length_utf16 > limit) continue;
        auto cursor = span_cursor(paragraphs[f->paragraph], f->offset_utf16, f->length_utf16);
        const std::string& s = f->suggestions.front();
        cursor->setString(
            rtl::OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8));
        limit = f->offset_utf16;
        ++applied;
    }
    return applied;
}

}  // namespace sanding::plugin
