// sanding serve: the HTTP server every drafter, reviewer and the coordination office share.
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include <Poco/Net/NetException.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/error.hpp"
#include "serve/app.hpp"
#include "serve/listener.hpp"

namespace sanding::cli {

server::ServerConfig server_config(const Args& args) {
    server::ServerConfig config;
    if (args.has("config")) server::load_config_file(args.get("config"), config);
    if (args.has("listen"))
        server::set_config(config, "server.listen", args.get("listen"), "--listen");
    if (args.has("db")) server::set_config(config, "db.url", args.get("db"), "--db");
    if (args.has("key-file"))
        server::set_config(config, "signing.key_file", args.get("key-file"), "--key-file");
    return config;
}

int cmd_serve(const std::vector<std::string>& argv) {
    Args args = parse_args(argv, {"config", "listen", "db", "key-file"},
                           {"routes", "print-config", "help"});
    if (args.has("help")) {
        std::puts(
            "用法: sanding serve [--config FILE] [--listen 127.0.0.1:8080] [--db "
            "sqlite:var/sanding.db|postgresql://…]\n"
            "      sanding serve --routes     列出服务器提供的全部接口\n"
            "      sanding serve --print-config  显示生效的全部配置项");
        return 0;
    }
    if (!args.positional.empty()) throw UsageError{"多余的参数：" + args.positional[0]};
    const server::ServerConfig config = server_config(args);
    if (args.has("routes")) {
        for (const auto& r : server::App::routes())
            std::printf("%s %s\n", r.method.c_str(), r.pattern.c_str());
        return 0;
    }
    if (args.has("print-config")) {
        for (const auto& [key, value] : server::config_values(config))
            std::printf("%s = %s\n", key.c_str(), value.c_str());
        return 0;
    }

    // Block the stop signals in every thread; the main thread waits for them below.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    server::App app(config);
    const std::vector<server::Route> routes = server::App::routes();
    Poco::Net::ServerSocket socket;
    try {
        // SO_REUSEADDR for a quick restart, never SO_REUSEPORT: a second server on the same
        // address must fail here, not share the port.
        socket.bind(Poco::Net::SocketAddress(config.listen), true, false);
        socket.listen(config.max_queued);
    } catch (const Poco::Exception& e) {
        if (e.code() == EADDRINUSE || e.displayText().find("in use") != std::string::npos)
            throw Error(
                "serve.address_in_use",
                "地址 " + config.listen +
                    " 已被占用：另一个 sanding "
                    "serve（或其他程序）正在监听这个端口；请先停止它，或用 --listen 换一个端口");
        throw Error("serve.listen",
                    std::string("无法监听 ") + config.listen + "：" + e.displayText());
    } catch (const std::exception& e) {
        throw Error("serve.listen", std::string("无法监听 ") + config.listen + "：" + e.what());
    }
    server::Listener http(config, socket, new server::Router(app, routes));
    http.start();
    const std::string url = "http://" + socket.address().toString();
    std::printf("sanding serve: 正在监听 %s（数据库 %s）\n", url.c_str(), config.db.c_str());
    std::printf("三定工作台：请用浏览器打开 %s/\n", url.c_str());
    std::fflush(stdout);
    app.log("info", "listening on " + url);

    int sig = 0;
    sigwait(&stop, &sig);
    app.log("info", "stopping on signal " + std::to_string(sig));
    // Requests being answered use `app`: it outlives them all, or the process ends without
    // destroying it.
    if (!http.stop()) {
        app.log("error",
                "requests still running after server.drain_seconds: exiting without waiting");
        std::fflush(nullptr);
        std::_Exit(0);
    }
    app.log("info", "stopped");
    return 0;
}

}  // namespace sanding::cli
