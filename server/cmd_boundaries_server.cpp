// sanding boundaries --server URL: the same report over the server's latest revisions, read
// through the API with the user's own login (the server decides what the user may see).
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/error.hpp"

namespace sanding::cli {
namespace {

struct Answer {
    int status = 0;
    std::string body, unresolved;
};

class Client {
public:
    explicit Client(const std::string& url) : url_(url) {
        try {
            uri_ = Poco::URI(url);
        } catch (const Poco::Exception&) {
            throw UsageError{"--server 应为服务器地址，如 http://127.0.0.1:8080，而不是“" + url +
                             "”"};
        }
        if (uri_.getScheme() != "http" || uri_.getHost().empty())
            throw UsageError{"--server 应为 http:// 开头的服务器地址，而不是“" + url + "”"};
    }

    Answer call(const std::string& method, const std::string& path,
                const std::string& body = {}) const {
        try {
            Poco::Net::HTTPClientSession session(uri_.getHost(), uri_.getPort());
            session.setTimeout(Poco::Timespan(120, 0));
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            if (!token.empty()) req.set("Authorization", "Bearer " + token);
            if (!body.empty()) {
                req.setContentType("application/json");
                req.setContentLength(static_cast<std::streamsize>(body.size()));
            }
            session.sendRequest(req) << body;
            Poco::Net::HTTPResponse res;
            std::istream& in = session.receiveResponse(res);
            Answer a;
            a.status = static_cast<int>(res.getStatus());
            a.unresolved = res.get("X-Unresolved-Overlaps", "");
            Poco::StreamCopier::copyToString(in, a.body);
            return a;
        } catch (const Poco::Exception& e) {
            throw Error("net.unreachable", "无法连接服务器 " + url_ + "：" + e.displayText());
        }
    }

    std::string token;

private:
    std::string url_;
    Poco::URI uri_;
};

// The server's Chinese message from {"error":{"message":…}}, else the status.
std::string message_of(const Answer& a) {
    try {
        auto o = Poco::JSON::Parser().parse(a.body).extract<Poco::JSON::Object::Ptr>();
        if (auto e = o->getObject("error")) return e->getValue<std::string>("message");
    } catch (const std::exception&) {  // not JSON (Poco::JSON::Parser)
    }
    return "服务器答复 " + std::to_string(a.status);
}

std::string ask_password(const std::string& user) {
    if (!::isatty(STDIN_FILENO))
        throw UsageError{"请在环境变量 SANDING_PASSWORD 中给出 " + user +
                         " 的密码（标准输入不是终端，无法询问）"};
    std::fprintf(stderr, "%s 的密码：", user.c_str());
    termios old{};
    ::tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string password;
    std::getline(std::cin, password);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputc('\n', stderr);
    return password;
}

std::string json_escaped(const std::string& s) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(Poco::Dynamic::Var(s), out);
    return out.str();
}

}  // namespace

int cmd_boundaries_server(const std::vector<std::string>& argv) {
    Args args = parse_args(argv,
                           {"framework", "catalogue", "format", "min-score", "templates", "server",
                            "paper", "user", "token"},
                           {"no-catalogue", "help"});
    if (!args.positional.empty())
        throw UsageError{"--server 时不再给草案文件：分析的是服务器上各机构的最新修订"};
    const std::string format = args.get("format", "text");
    if (format != "text" && format != "json")
        throw UsageError{"--format 只能是 text 或 json，而不是“" + format + "”"};
    Client client(args.get("server"));
    const char* env_token = std::getenv("SANDING_TOKEN");
    client.token = args.get("token", env_token ? env_token : "");
    if (client.token.empty()) {
        const char* env_user = std::getenv("SANDING_USER");
        const std::string user = args.get("user", env_user ? env_user : "");
        if (user.empty())
            throw UsageError{
                "须用 --user（或环境变量 SANDING_USER）给出登录名，或用 --token 给出令牌"};
        const char* env_password = std::getenv("SANDING_PASSWORD");
        const std::string password = env_password ? env_password : ask_password(user);
        const Answer login = client.call("POST", "/api/v1/login",
                                         "{\"username\":" + json_escaped(user) +
                                             ",\"password\":" + json_escaped(password) + "}");
        if (login.status != 200) throw Error("auth.failed", "登录失败：" + message_of(login));
        client.token = Poco::JSON::Parser()
                           .parse(login.body)
                           .extract<Poco::JSON::Object::Ptr>()
                           ->getValue<std::string>("token");
    }
    std::string score;
    if (args.has("min-score")) {
        score = args.get("min-score");
        char* end = nullptr;
        const double v = std::strtod(score.c_str(), &end);
        if (score.empty() || *end != '\0' || !(v >= 0 && v <= 1))
            throw UsageError{"--min-score 须是 0 到 1 之间的数，而不是“" + score + "”"};
    }
    const std::string query = "?format=" + format + (score.empty() ? "" : "&min_score=" + score);
    const Answer report = client.call("GET", "/api/v1/boundaries" + query);
    if (report.status != 200) throw Error("boundaries.refused", message_of(report));
    if (args.has("paper")) {
        const std::string path = args.get("paper");
        const Answer paper = client.call(
            "GET", "/api/v1/boundaries?format=odt" + (score.empty() ? "" : "&min_score=" + score));
        if (paper.status != 200) throw Error("boundaries.refused", message_of(paper));
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(paper.body.data(), static_cast<std::streamsize>(paper.body.size()));
        if (!out) throw Error("io.write_failed", "写入会议材料失败", path);
        std::fprintf(stderr, "已生成职责边界协调会议材料：%s\n", path.c_str());
    }
    std::fwrite(report.body.data(), 1, report.body.size(), stdout);
    return report.unresolved.empty() || report.unresolved == "0" ? 0 : 1;
}

}  // namespace sanding::cli
