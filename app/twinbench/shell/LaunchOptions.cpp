#include "shell/LaunchOptions.h"

#include "export/formats/ExportFormats.h"
#include "support/ComponentVersions.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QCommandLineParser>

#include <cstdio>

namespace twins::app {

std::optional<LaunchOptions> parseLaunchOptions(const QStringList& arguments, int& exitCode) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Twinbench: a workbench for scientific digital twins.\n"
                       "Opens NetCDF files and shows their fields; twin runs are executed by "
                       "twinbench-run."));
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("NetCDF files to open."),
                                 QStringLiteral("[FILE...]"));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show version information and exit."));
    const QCommandLineOption variableOption(
        QStringLiteral("variable"),
        QStringLiteral("Show this variable of the first file (default: its first 2-D variable)."),
        QStringLiteral("NAME"));
    const QCommandLineOption exampleOption(
        QStringLiteral("example"),
        QStringLiteral("Open the embedded example (synthetic ERA5-like surface fields), "
                       "generating it on first use."));
    const QCommandLineOption firstFrameOption(
        QStringLiteral("exit-after-first-frame"),
        QStringLiteral("Benchmark mode: print the time from start to the first rendered field "
                       "frame and exit."));
    const QCommandLineOption exportOption(
        QStringLiteral("export-figure"),
        QStringLiteral("Render a map figure offscreen to OUT (%1), or an animation (%2, with "
                       "--animate), without opening the main window, then exit (needs --open "
                       "and --variable).")
            .arg(exportSuffixList(ExportFormat::Purpose::Figure, ExportOrigin::Script),
                 exportSuffixList(ExportFormat::Purpose::Animation, ExportOrigin::Script)),
        QStringLiteral("OUT"));
    const QCommandLineOption openOption(QStringLiteral("open"),
                                        QStringLiteral("Data file for --export-figure."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption indexOption(
        QStringLiteral("index"),
        QStringLiteral("Index of a leading dimension for the figure, e.g. time=3 "
                       "(repeatable; default 0)."),
        QStringLiteral("DIM=I"));
    const QCommandLineOption projectionOption(
        QStringLiteral("projection"),
        QStringLiteral("Map projection of the figure: plate-carree (default), robinson, "
                       "mollweide, orthographic[:LON,LAT], north-polar-stereographic, "
                       "south-polar-stereographic."),
        QStringLiteral("NAME"));
    const QCommandLineOption colorMapOption(
        QStringLiteral("colormap"),
        QStringLiteral("Colour map: viridis (default), cividis, magma, coolwarm, twilight."),
        QStringLiteral("NAME"));
    const QCommandLineOption colorScaleOption(
        QStringLiteral("color-scale"),
        QStringLiteral("Colour scale: linear, log or symmetric (default: symmetric for "
                       "coolwarm, else linear)."),
        QStringLiteral("SCALE"));
    const QCommandLineOption rangeOption(
        QStringLiteral("range"), QStringLiteral("Colour range LO,HI (default: from the data)."),
        QStringLiteral("LO,HI"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Figure size in pixels (default 1200x800)."),
                                        QStringLiteral("WxH"));
    const QCommandLineOption uncertaintyOption(
        QStringLiteral("uncertainty"),
        QStringLiteral("Second variable of the figure carrying the uncertainty of --variable "
                       "(needs --encoding)."),
        QStringLiteral("VAR2"));
    const QCommandLineOption encodingOption(
        QStringLiteral("encoding"),
        QStringLiteral("How --uncertainty is shown: spread (VAR and VAR2 side by side, linked), "
                       "vsup (value-suppressing uncertainty palette: VAR value, VAR2 "
                       "uncertainty), hatch (VAR2 is an ensemble of changes with a member/"
                       "realization/ensemble dimension; VAR is hatched where the change is not "
                       "robust, IPCC AR6 style; needs --threshold), exceedance (VAR2 is an "
                       "ensemble; the map shows the probability that it exceeds --threshold)."),
        QStringLiteral("NAME"));
    const QCommandLineOption thresholdOption(
        QStringLiteral("threshold"),
        QStringLiteral("For --encoding hatch the variability threshold (a member shows a signal "
                       "where |change| > T), for exceedance the value exceeded; in VAR2's units."),
        QStringLiteral("T"));
    const QCommandLineOption animateOption(
        QStringLiteral("animate"),
        QStringLiteral("Animate over this dimension of --variable (e.g. time): one frame per "
                       "index, one colour range for all; OUT must end in %1 (encoded with "
                       "ffmpeg).")
            .arg(exportSuffixList(ExportFormat::Purpose::Animation, ExportOrigin::Script)),
        QStringLiteral("DIM"));
    const QCommandLineOption framesOption(
        QStringLiteral("frames"),
        QStringLiteral("First and last index (inclusive) of the --animate dimension."),
        QStringLiteral("A:B"));
    const QCommandLineOption fpsOption(
        QStringLiteral("fps"), QStringLiteral("Frames per second of the animation (default 8)."),
        QStringLiteral("N"));
    const QCommandLineOption reportOption(
        QStringLiteral("export-report"),
        QStringLiteral("Write the report of a run (--run) to OUT (%1): figures of its "
                       "outputs, parameters, metrics and provenance; no window is shown.")
            .arg(exportSuffixList(ExportFormat::Purpose::Report, ExportOrigin::Script)),
        QStringLiteral("OUT"));
    const QCommandLineOption runOption(
        QStringLiteral("run"),
        QStringLiteral("Run for --export-report or --export-result: its directory, or its id "
                       "in the run registry."),
        QStringLiteral("RUN_DIR_OR_ID"));
    const QCommandLineOption resultOption(
        QStringLiteral("export-result"),
        QStringLiteral("Render one declared result of a finished run (--run) to OUT (%1), as "
                       "the GUI draws it, without opening a window; --result chooses which.")
            .arg(exportSuffixList(ExportFormat::Purpose::Figure, ExportOrigin::Script)),
        QStringLiteral("OUT"));
    const QCommandLineOption whichResultOption(
        QStringLiteral("result"),
        QStringLiteral("Result for --export-result: its number (from 1, in `twinbench-run "
                       "describe` order among the results of the run's action) or its title; "
                       "default the first."),
        QStringLiteral("N|TITLE"));
    parser.addOptions({animateOption, framesOption, fpsOption, reportOption, runOption,
                       resultOption, whichResultOption});
    parser.addOptions({helpOption, versionOption, variableOption, exampleOption, firstFrameOption,
                       exportOption, openOption, indexOption, projectionOption, colorMapOption,
                       colorScaleOption, rangeOption, sizeOption, uncertaintyOption, encodingOption,
                       thresholdOption});

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "twinbench: %s\nTry 'twinbench --help'.\n",
                     qPrintable(parser.errorText()));
        exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(helpOption)) {
        std::printf("%s", qPrintable(parser.helpText()));
        exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(versionOption)) {
        std::printf("%s\n", sdk::versionLine().c_str());
        QStringList components;
        for (const auto& [name, version] : componentVersions()) {
            components << name + QLatin1Char(' ') + version;
        }
        std::printf("%s\n", qPrintable(components.join(QStringLiteral(", "))));
        std::printf("Worker (twinbench-run) built with LibTorch %s\n", sdk::torchVersion().c_str());
        exitCode = 0;
        return std::nullopt;
    }
    LaunchOptions options;
    options.files = parser.positionalArguments();
    options.variable = parser.value(variableOption);
    options.openExample = parser.isSet(exampleOption);
    options.exitAfterFirstFrame = parser.isSet(firstFrameOption);
    options.exportFigure = parser.value(exportOption);
    options.openFile = parser.value(openOption);
    options.indices = parser.values(indexOption);
    options.projection = parser.value(projectionOption);
    options.colorMap = parser.value(colorMapOption);
    options.colorScale = parser.value(colorScaleOption);
    options.range = parser.value(rangeOption);
    options.size = parser.value(sizeOption);
    options.uncertainty = parser.value(uncertaintyOption);
    options.encoding = parser.value(encodingOption);
    options.threshold = parser.value(thresholdOption);
    options.animate = parser.value(animateOption);
    options.frames = parser.value(framesOption);
    options.fps = parser.value(fpsOption);
    options.exportReport = parser.value(reportOption);
    options.run = parser.value(runOption);
    options.exportResult = parser.value(resultOption);
    options.result = parser.value(whichResultOption);
    // The options only --export-figure takes (besides --size, which --export-result shares).
    const bool figureOptionUsed = parser.isSet(openOption) || parser.isSet(indexOption) ||
                                  parser.isSet(projectionOption) || parser.isSet(colorMapOption) ||
                                  parser.isSet(colorScaleOption) || parser.isSet(rangeOption) ||
                                  parser.isSet(uncertaintyOption) || parser.isSet(encodingOption) ||
                                  parser.isSet(thresholdOption) || parser.isSet(animateOption) ||
                                  parser.isSet(framesOption) || parser.isSet(fpsOption);
    if (!options.exportResult.isEmpty()) {
        // --run, --result and --size are its options; every other command's are refused.
        if (!parser.isSet(runOption) || !options.exportFigure.isEmpty() ||
            !options.exportReport.isEmpty() || figureOptionUsed) {
            std::fprintf(stderr, "twinbench: --export-result OUT goes with --run RUN_DIR_OR_ID and "
                                 "optionally --result N|TITLE and --size WxH, nothing else\n");
            exitCode = 2;
            return std::nullopt;
        }
        return options;
    }
    if (parser.isSet(whichResultOption)) {
        std::fprintf(stderr, "twinbench: --result goes with --export-result OUT\n");
        exitCode = 2;
        return std::nullopt;
    }
    const bool figureOnlyOptionUsed = figureOptionUsed || parser.isSet(sizeOption);
    if (figureOnlyOptionUsed && options.exportFigure.isEmpty()) {
        std::fprintf(stderr, "twinbench: --open, --index, --projection, --colormap, "
                             "--color-scale, --range, --size, --uncertainty, --encoding, "
                             "--threshold, --animate, --frames and --fps go with "
                             "--export-figure OUT\n");
        exitCode = 2;
        return std::nullopt;
    }
    if ((parser.isSet(framesOption) || parser.isSet(fpsOption)) && options.animate.isEmpty()) {
        std::fprintf(stderr, "twinbench: --frames and --fps go with --animate DIM\n");
        exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(runOption) != parser.isSet(reportOption)) {
        std::fprintf(stderr, "twinbench: --export-report OUT and --run RUN_DIR_OR_ID go "
                             "together\n");
        exitCode = 2;
        return std::nullopt;
    }
    if (!options.exportReport.isEmpty() && !options.exportFigure.isEmpty()) {
        std::fprintf(stderr, "twinbench: --export-report and --export-figure are separate "
                             "commands; run them one after the other\n");
        exitCode = 2;
        return std::nullopt;
    }
    if (options.exitAfterFirstFrame && options.files.isEmpty() && !options.openExample) {
        std::fprintf(stderr, "twinbench: --exit-after-first-frame needs a FILE or --example\n");
        exitCode = 2;
        return std::nullopt;
    }
    exitCode = 0;
    return options;
}

} // namespace twins::app
