#include "main_thread.hpp"

#include <com/sun/star/awt/AsyncCallback.hpp>
#include <com/sun/star/awt/XCallback.hpp>
#include <cppuhelper/implbase1.hxx>

namespace sanding::plugin {
namespace {

using namespace css;

class Callback : public cppu::WeakImplHelper1<awt::XCallback> {
public:
    explicit Callback(std::function<void()> f) : f_(std::move(f)) {}
    void SAL_CALL notify(const uno::Any&) override { f_(); }

private:
    std::function<void()> f_;
};

}  // namespace

void post_to_main_thread(const uno::Reference<uno::XComponentContext>& ctx,
                         std::function<void()> f) {
    awt::AsyncCallback::create(ctx)->addCallback(new Callback(std::move(f)), uno::Any());
}

}  // namespace sanding::plugin
