#include "export/AnimationExport.h"
#include "export/FigureExport.h"
#include "report/ReportExport.h"
#include "results/ResultExport.h"
#include "runs/RunMonitor.h"
#include "runs/RunsController.h"
#include "shell/CommandLineRequests.h"
#include "shell/LaunchOptions.h"
#include "shell/MainWindow.h"
#include "shell/actions/OpenExampleAction.h"
#include "shell/actions/OpenFilesAction.h"
#include "shell/behaviors/RecoveryNotice.h"
#include "support/SessionGuard.h"
#include "twinbench/federation/RemoteDataSettings.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/VtkVersion.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace {
void setApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("Twinbench"));
    QCoreApplication::setApplicationName(QStringLiteral("twinbench"));
}

bool asksForInformationOnly(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "-v" ||
            argument == "--version") {
            return true;
        }
    }
    return false;
}
} // namespace

int main(int argc, char** argv) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    setApplicationIdentity();
    // s3:// URLs: endpoint and keys from the settings and the keychain, asked on first use.
    twins::federation::installRemoteDataSettings();

    // --help, --version and argument errors must work without a display (e.g. over ssh), so
    // they are handled before QApplication connects to one.
    if (asksForInformationOnly(argc, argv)) {
        QCoreApplication application(argc, argv);
        int exitCode = 0;
        twins::app::parseLaunchOptions(application.arguments(), exitCode);
        return exitCode;
    }
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    int exitCode = 0;
    const auto options = twins::app::parseLaunchOptions(arguments, exitCode);
    if (!options) {
        return exitCode;
    }

    if (!options->exportFigure.isEmpty()) {
        // Scripted figure or animation: no QApplication, no window; VTK renders into its own
        // offscreen window. Every failure is a message on stderr and exit status 1.
        QCoreApplication application(argc, argv);
        try {
            if (!options->animate.isEmpty()) {
                const auto request = twins::app::animationRequestFrom(*options);
                twins::app::exportAnimation(request, [](int done, int total) {
                    std::fprintf(stderr, "\rtwinbench: frame %d of %d", done, total);
                    if (done == total) {
                        std::fprintf(stderr, "\n");
                    }
                    return true;
                });
            } else {
                twins::app::exportFigure(twins::app::figureRequestFrom(*options));
            }
        } catch (const std::exception& error) {
            std::fprintf(stderr, "\ntwinbench: %s\n", error.what());
            return 1;
        }
        std::printf("twinbench: wrote %s\n", qPrintable(options->exportFigure));
        return 0;
    }
    twins::viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    if (!options->exportReport.isEmpty()) {
        // A run's report: text laid out by QTextDocument, every declared result drawn by the
        // registry's page for its kind (widgets, never shown: hence a QApplication) and
        // rendered offscreen, like --export-result.
        try {
            twins::app::exportReport(twins::app::reportRequestFrom(*options));
        } catch (const std::exception& error) {
            std::fprintf(stderr, "twinbench: %s\n", error.what());
            return 1;
        }
        std::printf("twinbench: wrote %s\n", qPrintable(options->exportReport));
        return 0;
    }
    if (!options->exportResult.isEmpty()) {
        // A run's declared result, drawn by the registry's page for its kind and rendered
        // offscreen; no window is shown. Failures are a message on stderr and exit status 1.
        try {
            twins::app::exportResult(twins::app::resultRequestFrom(*options));
        } catch (const std::exception& error) {
            std::fprintf(stderr, "twinbench: %s\n", error.what());
            return 1;
        }
        std::printf("twinbench: wrote %s\n", qPrintable(options->exportResult));
        return 0;
    }
    // Before the window: a crash while it is built is reported too, and an unclean end of the
    // previous session is known when the window is shown.
    const twins::app::SessionGuard session;
    twins::app::MainWindow window;
    if (options->exitAfterFirstFrame) {
        QObject::connect(window.workspace(), &twins::app::Workspace::fieldFrameRendered,
                         &application, [&]() {
                             std::printf("first-field-frame-ms %lld\n",
                                         static_cast<long long>(sinceStart.elapsed()));
                             std::fflush(stdout);
                             QTimer::singleShot(0, &application, &QApplication::quit);
                         });
        QObject::connect(window.workspace(), &twins::app::Workspace::nothingToDraw, &application,
                         [&](const QString& path, const QString& reason) {
                             std::fprintf(stderr, "twinbench: nothing to draw in %s: %s\n",
                                          qPrintable(path), qPrintable(reason));
                             application.exit(1);
                         });
        QObject::connect(&window, &twins::app::MainWindow::errorShown, &application,
                         [&](const QString&, const QString& text) {
                             std::fprintf(stderr, "twinbench: %s\n", qPrintable(text));
                             application.exit(1);
                         });
    }
    window.show();
    twins::app::showRecoveryNotice(&window, window.runsController()->monitor()->service(),
                                   session.uncleanEnds());
    if (options->openExample) {
        twins::app::OpenExampleAction::start(*window.workspace());
    }
    twins::app::OpenFilesAction::start(*window.workspace(), options->files, options->variable);
    return application.exec();
}
