// Every "## section" of every narration file is shown by some run: the lesson with its default
// parameters, or with a parameter its narration names ("try alertable=0"). Each run goes to its end
// with the stepper running flat out, as in the headless mode (a lesson served by the window's Peer
// client panel gets a peer played by the test); then every checkpoint of its trace is looked up in
// both languages with the rule the window and the transcript use.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "ovlab/lesson_registry.h"
#include "test_support.h"
#include "text_file.h"

namespace ovlab {
namespace {

using namespace std::chrono_literals;

constexpr Language kLanguages[] = {Language::English, Language::Korean};

// The parameter sets a lesson is run with: the defaults, and each "name=value" its narration
// mentions for a parameter it declares; assignments chained with --param ("block=200 --param
// clients=4") are one set.
std::vector<ParameterValues> parameter_sets(const LessonInfo& lesson)
{
    static const std::regex chain(R"(\b[a-z_]+=(?:\d+|on|off)(?:\s+--param\s+[a-z_]+=(?:\d+|on|off))*)");
    static const std::regex assignment(R"([a-z_]+=(?:\d+|on|off))");
    std::set<std::string> seen;
    std::vector<ParameterValues> sets = {{}};
    for (Language language : kLanguages) {
        for (const std::string& line : lessons::read_text_lines(Narration::file_for(lesson, language))) {
            for (std::sregex_iterator it(line.begin(), line.end(), chain), end; it != end; ++it) {
                const std::string text = it->str();
                ParameterValues changes;
                bool usable = true;
                for (std::sregex_iterator one(text.begin(), text.end(), assignment); one != end; ++one) {
                    const std::string name = one->str().substr(0, one->str().find('='));
                    usable = usable && lesson.find_parameter(name) && !parse_parameter(lesson, one->str(), changes);
                }
                if (usable && seen.insert(text).second) sets.push_back(changes);
            }
        }
    }
    return sets;
}

// The port a peer-served lesson wrote to its port file, once it did; 0 until then.
int published_port(const Session& session)
{
    std::ifstream file(session.workdir() / session.program().peer_port_file);
    int port = 0;
    return file >> port ? port : 0;
}

int connect_to(int port)
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s >= 0 && ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return s;
    if (s >= 0) ::close(s);
    return -1;
}

// Plays the window's Peer client panel for a lesson that serves connections until told to stop:
// more connections than the server takes, one message echoed, "stop", then every socket closed.
// A server that accepts with blocking accept() refuses the connection too many at once; one that
// posts AcceptEx stops posting and leaves it waiting in the backlog.
std::string play_peer(Session& session, bool refuses_extra)
{
    constexpr int kConnections = 17;  // one more than the echo server's MAX_CONNECTIONS
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    int port = 0;
    while ((port = published_port(session)) == 0) {
        if (std::chrono::steady_clock::now() > deadline) return "the lesson never wrote its port";
        std::this_thread::sleep_for(5ms);
    }
    std::vector<int> sockets;
    for (int i = 0; i < kConnections; ++i) {
        const int s = connect_to(port);
        if (s < 0) break;
        sockets.push_back(s);
    }
    std::string problem = sockets.size() == kConnections ? "" : "a peer connection failed";
    char echo[64];
    if (problem.empty() && (::send(sockets[0], "hello\n", 6, 0) != 6 || ::recv(sockets[0], echo, sizeof echo, 0) != 6))
        problem = "the first connection's message came back wrong";
    // The connection too many is closed by the server (recv sees its end) before "stop" closes the listener.
    const timeval limit = {10, 0};
    ::setsockopt(sockets.back(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    if (refuses_extra && problem.empty() && ::recv(sockets.back(), echo, sizeof echo, 0) != 0)
        problem = "the server did not refuse the connection too many";
    if (problem.empty() && ::send(sockets[1], "stop\n", 5, 0) != 5) problem = "cannot send \"stop\"";
    std::this_thread::sleep_for(200ms);  // the server stops listening before the rest close
    for (int s : sockets) ::close(s);
    return problem;
}

// Runs the lesson to its end and adds the key of every section a step showed to `shown[language]`.
// Returns an empty string, or why the run did not end as it should.
std::string collect_shown_sections(const LessonInfo& lesson, const ParameterValues& changes,
                                   std::map<Language, std::set<std::string>>& shown)
{
    const LessonSource source = LessonSource::load(lesson_folder(lesson) / lesson.source_file);
    std::map<Language, Narration> narrations;
    for (Language language : kLanguages) narrations[language] = Narration::load(Narration::file_for(lesson, language));

    Session session(lesson.program(changes));
    session.start();
    session.stepper().run(0us);
    if (!session.program().peer_port_file.empty()) {
        const bool blocking_accept = changes.count("acceptex") && changes.at("acceptex") == 0;
        if (std::string problem = play_peer(session, blocking_accept); !problem.empty()) return problem;
    }
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!session.finished()) {
        if (std::chrono::steady_clock::now() > deadline) return "the run did not finish within 60 s";
        std::this_thread::sleep_for(5ms);
    }
    const SessionResult& result = session.wait();
    if (!result.check.passed) return fmt::format("the lesson's check failed: {}", result.check.message);

    trace::State state;
    const trace::Recorder& recorder = session.recorder();
    for (uint64_t i = 0; i < recorder.published(); ++i) {
        const trace::Event& event = recorder.at(i);
        state.apply(event);
        if (!trace::is_checkpoint(event.kind)) continue;
        for (Language language : kLanguages) {
            const CheckpointNarration section = narration_for_checkpoint(event, state, source, narrations[language]);
            if (section.text) shown[language].insert(section.key);
        }
    }
    for (Language language : kLanguages) shown[language].insert({"intro", "finished"});
    return {};
}

class EveryNarrationSection : public testing::TestWithParam<std::string> {};

TEST_P(EveryNarrationSection, IsShownByARun)
{
    const LessonInfo& lesson = *find_lesson(GetParam());
    std::map<Language, std::set<std::string>> shown;
    for (const ParameterValues& changes : parameter_sets(lesson)) {
        const std::string problem = collect_shown_sections(lesson, changes, shown);
        EXPECT_EQ(problem, "") << lesson.id << " with "
                               << fmt::format("{}", fmt::join(changed_parameters(lesson, changes), " "));
    }
    std::vector<std::string> never_shown;
    for (Language language : kLanguages) {
        for (const auto& [key, text] : Narration::load(Narration::file_for(lesson, language)).sections) {
            if (!shown[language].count(key))
                never_shown.push_back(fmt::format("{}/{}/{}", lesson.id, language_code(language), key));
        }
    }
    EXPECT_TRUE(never_shown.empty()) << "sections no run shows (default parameters and every name=value the "
                                        "narration mentions):\n  "
                                     << fmt::format("{}", fmt::join(never_shown, "\n  "));
}

// The rule in lesson_registry.h on a made-up lesson: each step shows its own line's section, or
// none, never what an earlier step showed.
TEST(NarrationForCheckpoint, AStepShowsItsOwnLinesSectionOrNone)
{
    LessonSource source;
    source.tag_at = {"", "issue-read", "issue-read", "eof"};  // lines 1 to 4
    Narration narration;
    narration.sections = {{"issue-read", "reads"}, {"issue-read.return", "returns"}, {"eof", "the end"}};
    const trace::State state;
    auto shown = [&](trace::EventKind kind, uint32_t line) {
        trace::Event event;
        event.kind = kind;
        event.line = line;
        const CheckpointNarration section = narration_for_checkpoint(event, state, source, narration);
        return section.text ? section.key + ": " + *section.text : section.key;
    };
    EXPECT_EQ(shown(trace::EventKind::ApiEnter, 2), "issue-read: reads");
    EXPECT_EQ(shown(trace::EventKind::ApiLeave, 3), "issue-read.return: returns");
    EXPECT_EQ(shown(trace::EventKind::LineReached, 4), "eof: the end");
    EXPECT_EQ(shown(trace::EventKind::ApiLeave, 4), "eof: the end");            // no "eof.return": the plain section
    EXPECT_EQ(shown(trace::EventKind::ApcDelivering, 2), "issue-read: reads");  // the wait that runs the APC
    EXPECT_EQ(shown(trace::EventKind::ApiEnter, 1), "");                        // before the first tag: none
    EXPECT_EQ(shown(trace::EventKind::IoCompleting, 0), "");                    // a request the trace never issued
}

std::vector<std::string> lesson_ids()
{
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : all_lessons()) ids.push_back(lesson.id);
    return ids;
}

INSTANTIATE_TEST_SUITE_P(Lessons, EveryNarrationSection, testing::ValuesIn(lesson_ids()),
                         [](const testing::TestParamInfo<std::string>& param) {
                             return test::lesson_test_name(param.param);
                         });

}  // namespace
}  // namespace ovlab
