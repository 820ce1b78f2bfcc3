// The zoom steps Ctrl+plus and Ctrl+minus walk through, and --zoom's and --window-size's values.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "cli.h"
#include "zoom.h"

namespace ovlab::app {
namespace {

TEST(Zoom, StepsWalkFromHalfToThreeTimesAndBack) {
    std::vector<float> up{kZoomMin};
    while (up.back() < kZoomMax) up.push_back(zoom_in(up.back()));
    EXPECT_EQ(up.size(), 13u) << "from 50 % to 300 % in sensible steps";
    EXPECT_FLOAT_EQ(up.back(), kZoomMax);
    EXPECT_FLOAT_EQ(zoom_in(kZoomMax), kZoomMax) << "stays at the top";
    EXPECT_FLOAT_EQ(zoom_in(1.0f), 1.1f);
    EXPECT_FLOAT_EQ(zoom_out(1.0f), 0.9f);
    EXPECT_FLOAT_EQ(zoom_in(1.5f), 1.75f);
    for (size_t i = up.size() - 1; i > 0; --i) EXPECT_FLOAT_EQ(zoom_out(up[i]), up[i - 1]);
    EXPECT_FLOAT_EQ(zoom_out(kZoomMin), kZoomMin) << "stays at the bottom";
}

TEST(Zoom, AValueBetweenStepsGoesToTheNextStepInThatDirection) {
    EXPECT_FLOAT_EQ(zoom_in(1.3f), 1.5f);
    EXPECT_FLOAT_EQ(zoom_out(1.3f), 1.25f);
    EXPECT_FLOAT_EQ(zoom_in(1.2999f), 1.5f);
    EXPECT_FLOAT_EQ(zoom_in(1.501f), 1.75f) << "a value read back as 1.501 is the 150 % step";
}

TEST(Zoom, ClampKeepsTheRangeAndRefusesNonsense) {
    EXPECT_FLOAT_EQ(clamp_zoom(0.1f), kZoomMin);
    EXPECT_FLOAT_EQ(clamp_zoom(7.0f), kZoomMax);
    EXPECT_FLOAT_EQ(clamp_zoom(std::numeric_limits<float>::quiet_NaN()), 1.0f);
    EXPECT_FLOAT_EQ(clamp_zoom(std::numeric_limits<float>::infinity()), 1.0f);
}

TEST(Zoom, ParsesFactorsAndPercentages) {
    EXPECT_EQ(parse_zoom("1.5"), 1.5f);
    EXPECT_EQ(parse_zoom("150%"), 1.5f);
    EXPECT_EQ(parse_zoom("150 %"), 1.5f);
    EXPECT_EQ(parse_zoom("0.5"), 0.5f);
    EXPECT_EQ(parse_zoom("300%"), 3.0f);
    EXPECT_EQ(parse_zoom("3"), 3.0f);
    for (const char* bad : {"", "%", "abc", "1.5x", " 1.5", "0.49", "3.01", "301%", "49%", "-1", "nan", "inf", "1,5"})
        EXPECT_FALSE(parse_zoom(bad).has_value()) << bad;
}

std::variant<Options, UsageError> parse(std::vector<std::string> args) {
    args.insert(args.begin(), "overlapped-lab");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

TEST(Zoom, CommandLineTakesZoomAndSaysWhatIsWrong) {
    const auto given = parse({"--zoom", "150%"});
    ASSERT_TRUE(std::holds_alternative<Options>(given));
    EXPECT_EQ(std::get<Options>(given).zoom, 1.5f);
    EXPECT_FALSE(std::get<Options>(parse({})).zoom.has_value());

    const auto wrong = parse({"--zoom", "5"});
    ASSERT_TRUE(std::holds_alternative<UsageError>(wrong));
    EXPECT_EQ(std::get<UsageError>(wrong).message,
              "--zoom needs a factor from 0.5 to 3 or a percentage from 50% to 300% (1.5 or 150%), not '5'");
    EXPECT_EQ(std::get<UsageError>(parse({"--zoom"})).message, "--zoom needs a value");
    EXPECT_TRUE(std::holds_alternative<UsageError>(parse({"--lesson", "event-file-copy", "--headless", "--zoom", "2"})));
}

TEST(WindowSize, CommandLineTakesWidthByHeightAndSaysWhatIsWrong) {
    const auto given = parse({"--window-size", "2560x1440"});
    ASSERT_TRUE(std::holds_alternative<Options>(given));
    ASSERT_TRUE(std::get<Options>(given).window_size.has_value());
    EXPECT_EQ(std::get<Options>(given).window_size->width, 2560);
    EXPECT_EQ(std::get<Options>(given).window_size->height, 1440);
    EXPECT_FALSE(std::get<Options>(parse({})).window_size.has_value());
    for (const char* wrong : {"1920", "1920x", "x1080", "100x100", "1920x1080x2", "20000x1080", "-1x5"}) {
        const auto parsed = parse({"--window-size", wrong});
        ASSERT_TRUE(std::holds_alternative<UsageError>(parsed)) << wrong;
        EXPECT_EQ(std::get<UsageError>(parsed).message,
                  std::string("--window-size needs WIDTHxHEIGHT in pixels, each from 320 to 16384 (e.g. 1920x1080), not '") +
                      wrong + "'");
    }
    EXPECT_TRUE(std::holds_alternative<UsageError>(
        parse({"--lesson", "event-file-copy", "--headless", "--window-size", "1280x720"})));
}

TEST(Zoom, LanguageOnTheCommandLineIsMarkedAsGiven) {
    EXPECT_FALSE(std::get<Options>(parse({})).language_given);
    const Options korean = std::get<Options>(parse({"--lang", "ko"}));
    EXPECT_TRUE(korean.language_given);
    EXPECT_EQ(korean.language, Language::Korean);
}

}  // namespace
}  // namespace ovlab::app
