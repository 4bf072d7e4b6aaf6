#include "worker.hpp"

#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XTerminateListener.hpp>
#include <cppuhelper/implbase1.hxx>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

namespace sanding::plugin {

using namespace css;

namespace {

class Worker {
public:
    void post(const uno::Reference<uno::XComponentContext>& ctx, std::function<void()> task) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (stopping_) return;
        if (!thread_.joinable()) start(ctx, lock);
        tasks_.push_back(std::move(task));
        wake_.notify_all();
    }

    // Stops taking tasks, lets the current one end (a few seconds at most) and joins.
    void stop() {
        std::unique_lock<std::mutex> lock(mutex_);
        stopping_ = true;
        tasks_.clear();
        wake_.notify_all();
        if (!thread_.joinable()) return;
        if (done_.wait_for(lock, std::chrono::seconds(5), [this] { return finished_; })) {
            lock.unlock();
            thread_.join();
        } else {
            log_error("worker", "a task did not end while the office terminated; left running");
            thread_.detach();
        }
    }

private:
    void start(const uno::Reference<uno::XComponentContext>& ctx, std::unique_lock<std::mutex>&);
    void loop() {
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
                if (stopping_) break;
                task = std::move(tasks_.front());
                tasks_.pop_front();
            }
            try {
                task();
            } catch (const std::exception& e) {
                log_error("worker task", e.what());
            } catch (...) {
                log_error("worker task", "unknown exception");
            }
        }
        std::lock_guard<std::mutex> lock(mutex_);
        finished_ = true;
        done_.notify_all();
    }

    std::mutex mutex_;
    std::condition_variable wake_, done_;
    std::deque<std::function<void()>> tasks_;
    std::thread thread_;
    bool stopping_ = false, finished_ = false;
};

Worker& worker() {
    static Worker w;
    return w;
}

// Stops the worker when the office terminates: before the statics it may use are destroyed.
class StopOnTerminate : public cppu::WeakImplHelper1<frame::XTerminateListener> {
public:
    void SAL_CALL queryTermination(const lang::EventObject&) override {}
    void SAL_CALL notifyTermination(const lang::EventObject&) override { worker().stop(); }
    void SAL_CALL disposing(const lang::EventObject&) override {}
};

void Worker::start(const uno::Reference<uno::XComponentContext>& ctx,
                   std::unique_lock<std::mutex>&) {
    try {
        frame::Desktop::create(ctx)->addTerminateListener(new StopOnTerminate);
    } catch (const uno::Exception& e) {
        log_error(
            "worker",
            "no terminate listener: " +
                std::string(rtl::OUStringToOString(e.Message, RTL_TEXTENCODING_UTF8).getStr()));
    }
    thread_ = std::thread([this] { loop(); });
}

}  // namespace

void run_on_worker(const uno::Reference<uno::XComponentContext>& ctx, std::function<void()> task) {
    worker().post(ctx, std::move(task));
}

void log_error(const std::string& where, const std::string& what) {
    std::fprintf(stderr, "sanding: %s: %s\n", where.c_str(), what.c_str());
}

}  // namespace sanding::plugin
