// The xy_curves answer kind (issue 15): JSON answers and CSV results read or refused with the
// field named, and curves drawn in their colours at the right places (rendered pixels), both
// as a what-if answer and as a finished run's declared result.
#include "GuiTestSupport.h"
#include "answers/AnswerFigureExport.h"
#include "answers/AnswerView.h"
#include "answers/kinds/xy_curves/XyCurvesAnswer.h"
#include "answers/kinds/xy_curves/XyCurvesPage.h"
#include "results/ResultView.h"
#include "twinbench/viz/VtkVersion.h"
#include "twinbench/viz/VtkView.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace twins;

namespace {

// A ROC diagram: a good classifier bowing to the top left, a chance-like one near the diagonal.
QJsonObject rocAnswer() {
    return QJsonObject{
        {"title", "ROC, validation years"},
        {"x", QJsonObject{{"name", "False alarm rate"}}},
        {"y", QJsonObject{{"name", "Probability of detection"}}},
        {"diagonal", true},
        {"curves", QJsonArray{QJsonObject{{"name", "CNN"},
                                          {"x", QJsonArray{0.0, 0.05, 0.1, 0.3, 1.0}},
                                          {"y", QJsonArray{0.0, 0.7, 0.85, 0.95, 1.0}},
                                          {"markers", true}},
                              QJsonObject{{"name", "Baseline"},
                                          {"x", QJsonArray{0.0, 0.5, 1.0}},
                                          {"y", QJsonArray{0.0, 0.55, 1.0}}}}}};
}

QString refusal(const QJsonObject& answer) {
    try {
        app::readXyCurvesAnswer(answer);
    } catch (const app::ExploreAnswerError& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

// Whether a colour occurs within `radius` framebuffer pixels of a scene point.
bool colourAround(const QImage& image, QPointF scene, QColor colour, int radius) {
    const QPoint centre(qRound(scene.x()), image.height() - 1 - qRound(scene.y()));
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = centre + QPoint(dx, dy);
            if (image.rect().contains(p)) {
                const QColor c = image.pixelColor(p);
                if (std::abs(c.red() - colour.red()) <= 40 &&
                    std::abs(c.green() - colour.green()) <= 40 &&
                    std::abs(c.blue() - colour.blue()) <= 40) {
                    return true;
                }
            }
        }
    }
    return false;
}

} // namespace

class XyCurvesTest : public QObject {
    Q_OBJECT
private slots:
    void readsCurvesAndRefusesBrokenAnswers() {
        const app::XyCurvesAnswer answer = app::readXyCurvesAnswer(rocAnswer());
        QCOMPARE(answer.curves.size(), 2);
        QCOMPARE(answer.curves[0].name, QString("CNN"));
        QVERIFY(answer.curves[0].markers);
        QVERIFY(answer.diagonal);
        QCOMPARE(answer.yName, QString("Probability of detection"));

        QJsonObject noCurves = rocAnswer();
        noCurves.insert("curves", QJsonArray{});
        QVERIFY2(refusal(noCurves).contains("answer field 'curves': expected 1 to 8 curves"),
                 qPrintable(refusal(noCurves)));
        QJsonObject uneven = rocAnswer();
        QJsonArray curves = uneven.value("curves").toArray();
        QJsonObject first = curves[0].toObject();
        first.insert("y", QJsonArray{0.0, 1.0});
        curves[0] = first;
        uneven.insert("curves", curves);
        QVERIFY2(refusal(uneven).contains("curves[0].y': expected as many values as x (5), got 2"),
                 qPrintable(refusal(uneven)));
        QJsonObject logZero = rocAnswer();
        logZero.insert("x", QJsonObject{{"name", "FAR"}, {"log", true}});
        QVERIFY2(refusal(logZero).contains("positive values on a log axis"),
                 qPrintable(refusal(logZero)));
        QJsonObject noAxis = rocAnswer();
        noAxis.remove("y");
        QVERIFY2(refusal(noAxis).contains("'y.name'"), qPrintable(refusal(noAxis)));
    }

    void drawsEachCurveInItsColour() {
        app::AnswerView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showAnswer("xy_curves", rocAnswer(), false);
        QCOMPARE(view.shownKind(), QString("xy_curves"));
        auto* page = view.page<app::XyCurvesPage>("xy_curves");
        QVERIFY(page != nullptr);
        // Paint once so the layout knows where the plot area is, then look at the pixels.
        page->view()->grabFramebuffer();
        const QImage image = page->view()->grabFramebuffer();
        const auto cnn = page->scenePointOf(0.1, 0.85);
        const auto baseline = page->scenePointOf(0.5, 0.55);
        const auto empty = page->scenePointOf(0.85, 0.15);
        QVERIFY(cnn && baseline && empty);
        QVERIFY2(colourAround(image, *cnn, app::XyCurvesPage::curveColor(0), 3),
                 "the first curve (CNN) is not drawn in blue at (0.1, 0.85)");
        QVERIFY2(colourAround(image, *baseline, app::XyCurvesPage::curveColor(1), 3),
                 "the second curve is not drawn in vermillion at (0.5, 0.55)");
        QVERIFY2(!colourAround(image, *empty, app::XyCurvesPage::curveColor(0), 3) &&
                     !colourAround(image, *empty, app::XyCurvesPage::curveColor(1), 3),
                 "a curve is drawn where there is none");
        QVERIFY(image.save(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots/xy-curves-roc.png")) ||
                !QDir(QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots")).exists());

        // The exported figure is a chart of its own at the asked size, with both curves' colours.
        QTemporaryDir directory;
        const QString png = directory.filePath("roc.png");
        app::exportAnswerFigure(view, png, QSize(1200, 900));
        const QImage exported(png);
        QCOMPARE(exported.size(), QSize(1200, 900));
        int blue = 0;
        int vermillion = 0;
        for (int y = 0; y < exported.height(); y += 2) {
            for (int x = 0; x < exported.width(); x += 2) {
                const QColor c = exported.pixelColor(x, y);
                blue += c == app::XyCurvesPage::curveColor(0) ? 1 : 0;
                vermillion += c == app::XyCurvesPage::curveColor(1) ? 1 : 0;
            }
        }
        QVERIFY2(blue > 20 && vermillion > 20,
                 qPrintable(QStringLiteral("%1 blue, %2 vermillion").arg(blue).arg(vermillion)));
    }

    void aRunsCsvResultIsDrawnAsCurves() {
        QTemporaryDir run;
        QVERIFY(QDir(run.path()).mkpath("outputs"));
        QFile csv(run.filePath("outputs/reliability.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("model,forecast,observed\n"
                  "calibrated,0.1,0.12\ncalibrated,0.5,0.48\ncalibrated,0.9,0.88\n"
                  "network alone,0.1,0.3\nnetwork alone,0.5,0.75\nnetwork alone,0.9,0.97\n");
        csv.close();
        sdk::ResultSpec spec;
        spec.kind = "xy_curves";
        spec.action = "validate";
        spec.output = "reliability.csv";
        spec.title = "Reliability diagram";
        spec.options = QJsonObject{{"x", "forecast"},
                                   {"y", "observed"},
                                   {"group", "model"},
                                   {"markers", true},
                                   {"diagonal", true},
                                   {"x_label", "Forecast probability"},
                                   {"y_label", "Observed frequency"}};
        const app::ResultAnswer converted = app::readResultAnswer(spec, run.filePath("outputs"));
        const app::XyCurvesAnswer read = app::readXyCurvesAnswer(converted.answer);
        QCOMPARE(read.curves.size(), 2);
        QCOMPARE(read.curves[1].name, QString("network alone"));
        QCOMPARE(read.curves[1].y[1], 0.75);
        QCOMPARE(read.xName, QString("Forecast probability"));

        app::ResultView view;
        view.resize(640, 520);
        view.show();
        QSignalSpy shown(&view, &app::ResultView::resultShown);
        view.showResult("reliability-run", run.path(), spec);
        QVERIFY(shown.wait(20000));
        QVERIFY2(shown.first().at(0).toBool(), qPrintable(shown.first().at(1).toString()));
        QCOMPARE(view.answerView()->shownKind(), QString("xy_curves"));
        auto* page = view.answerView()->page<app::XyCurvesPage>("xy_curves");
        page->view()->grabFramebuffer();
        const QImage image = page->view()->grabFramebuffer();
        const auto overconfident = page->scenePointOf(0.5, 0.75);
        QVERIFY(overconfident);
        QVERIFY(colourAround(image, *overconfident, app::XyCurvesPage::curveColor(1), 4));

        // A missing column is said with the file and what it was for.
        spec.options.insert("y", "observed_frequency");
        view.showResult("reliability-run", run.path(), spec);
        shown.clear();
        QVERIFY(shown.wait(20000));
        QCOMPARE(shown.first().at(0).toBool(), false);
        QVERIFY2(view.statusLabel()->text().contains(
                     "reliability.csv has no column 'observed_frequency'"),
                 qPrintable(view.statusLabel()->text()));
    }
};

int main(int argc, char** argv) {
    viz::prepareOpenGLBeforeApplication();
    QApplication application(argc, argv);
    XyCurvesTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "XyCurvesTest.moc"
