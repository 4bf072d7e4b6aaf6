// The zh-CN proofreader Writer calls as the drafter types: core's checker in the soffice process,
// on the paragraph it is given, with the rules compiled into the extension. It never touches the
// network and holds no lock of LibreOffice's; a paragraph takes microseconds.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/linguistic2/ProofreadingResult.hpp>
#include <com/sun/star/linguistic2/SingleProofreadingError.hpp>
#include <com/sun/star/linguistic2/XProofreader.hpp>
#include <com/sun/star/text/TextMarkupType.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <rtl/ustring.hxx>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "client.hpp"
#include "rules.hpp"
#include "sanding/check/checker.hpp"
#include "strings.hpp"
#include "worker.hpp"

namespace {

using namespace css;
using rtl::OUString;

using sanding::plugin::u;
using sanding::plugin::utf8;

}  // namespace

namespace {

bool is_zh_cn(const lang::Locale& l) {
    return l.Language == "zh" && (l.Country == "CN" || l.Country.isEmpty());
}

// XProofreader extends XSupportedLocales.
class Proofreader : public cppu::WeakImplHelper2<linguistic2::XProofreader, lang::XServiceInfo> {
public:
    // XSupportedLocales
    uno::Sequence<lang::Locale> SAL_CALL getLocales() override {
        uno::Sequence<lang::Locale> locales(1);
        locales[0] = lang::Locale("zh", "CN", OUString());
        return locales;
    }
    sal_Bool SAL_CALL hasLocale(const lang::Locale& l) override { return is_zh_cn(l); }

    // XProofreader
    sal_Bool SAL_CALL isSpellChecker() override { return false; }

    linguistic2::ProofreadingResult SAL_CALL doProofreading(
        const OUString& document, const OUString& text, const lang::Locale& locale, sal_Int32 start,
        sal_Int32 suggested_end, const uno::Sequence<beans::PropertyValue>& properties) override {
        linguistic2::ProofreadingResult r;
        r.aDocumentIdentifier = document;
        r.aText = text;
        r.aLocale = locale;
        r.aProperties = properties;
        r.xProofreader = this;
        // The whole paragraph is one “sentence”: rules see it all, and Writer asks once.
        r.nStartOfSentencePosition = start;
        r.nBehindEndOfSentencePosition = text.getLength();
        r.nStartOfNextSentencePosition = text.getLength();
        (void)suggested_end;
        // Nothing thrown crosses the bridge into Writer's proofreading thread: a failure is logged
        // and the paragraph is answered without findings.
        try {
            r.aErrors = errors_of(text, locale, start);
        } catch (const std::exception& e) {
            sanding::plugin::log_error("doProofreading", e.what());
        } catch (const uno::Exception& e) {
            sanding::plugin::log_error("doProofreading", utf8(e.Message));
        }
        return r;
    }

    uno::Sequence<linguistic2::SingleProofreadingError> errors_of(const OUString& text,
                                                                  const lang::Locale& locale,
                                                                  sal_Int32 start) {
        const std::shared_ptr<const sanding::Checker> c = sanding::plugin::current_checker();
        if (!c || !is_zh_cn(locale) || start > 0 || text.isEmpty()) return {};

        std::set<std::string> ignored;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            ignored = ignored_;
        }
        std::vector<linguistic2::SingleProofreadingError> errors;
        // Categories switched off in 工具 ▸ 选项 ▸ 三定 are not underlined.
        const std::vector<std::string> disabled =
            sanding::plugin::Connection::instance().disabled_categories();
        for (const auto& f : c->check_paragraph(utf8(text))) {
            if (ignored.count(f.rule)) continue;
            if (std::find(disabled.begin(), disabled.end(), sanding::to_string(f.category)) !=
                disabled.end())
                continue;
            linguistic2::SingleProofreadingError e;
            e.nErrorStart = static_cast<sal_Int32>(f.offset_utf16);
            e.nErrorLength = static_cast<sal_Int32>(f.length_utf16);
            e.nErrorType = text::TextMarkupType::PROOFREADING;
            e.aRuleIdentifier = u(f.rule);
            e.aShortComment = u(f.message);
            e.aFullComment = u(f.message + "（规则 " + f.rule + "）");
            uno::Sequence<OUString> suggestions(static_cast<sal_Int32>(f.suggestions.size()));
            for (std::size_t i = 0; i < f.suggestions.size(); ++i)
                suggestions[static_cast<sal_Int32>(i)] = u(f.suggestions[i]);
            e.aSuggestions = suggestions;
            if (const sanding::Rule* rule = c->find_rule(f.rule);
                rule && !rule->source_url.empty()) {
                uno::Sequence<beans::PropertyValue> props(1);
                props[0].Name = "FullCommentURL";
                props[0].Value <<= u(rule->source_url);
                e.aProperties = props;
            }
            errors.push_back(e);
        }
        return uno::Sequence<linguistic2::SingleProofreadingError>(
            errors.data(), static_cast<sal_Int32>(errors.size()));
    }

    void SAL_CALL ignoreRule(const OUString& rule, const lang::Locale&) override {
        std::lock_guard<std::mutex> lock(mutex_);
        ignored_.insert(utf8(rule));
    }
    void SAL_CALL resetIgnoreRules() override {
        std::lock_guard<std::mutex> lock(mutex_);
        ignored_.clear();
    }

    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return "org.sanding.Proofreader"; }
    sal_Bool SAL_CALL supportsService(const OUString& name) override {
        return cppu::supportsService(this, name);
    }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        return sanding::plugin::one_name("com.sun.star.linguistic2.Proofreader");
    }

private:
    std::mutex mutex_;  // only for the ignored-rules set; never held while checking
    std::set<std::string> ignored_;
};

}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT uno::XInterface* org_sanding_Proofreader_get_implementation(
    uno::XComponentContext*, uno::Sequence<uno::Any> const&) {
    return cppu::acquire(static_cast<cppu::OWeakObject*>(new Proofreader));
}
