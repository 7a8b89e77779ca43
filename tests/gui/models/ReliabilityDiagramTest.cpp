// The VVUQ card's reliability diagram (app/twinbench/models/ReliabilityDiagram.h): each curve
// of a reliability.csv drawn where its bins lie (pixels of the curve's colour at the bins'
// positions, none of the other curve's there), the card's HTML embedding it, and a file
// without the expected columns named in the message.
#include "models/ReliabilityDiagram.h"

#include "models/VvuqCardHtml.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace twins::app;

class ReliabilityDiagramTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;

    QString write(const QString& name, const QByteArray& text) {
        const QString path = m_directory.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return {};
        }
        file.write(text);
        return path;
    }

    // Whether a pixel within `radius` of `at` has (about) the colour.
    static bool colourNear(const QImage& image, QPointF at, const QColor& colour, int radius = 2) {
        for (int dy = -radius; dy <= radius; ++dy) {
            for (int dx = -radius; dx <= radius; ++dx) {
                const QColor pixel =
                    image.pixelColor(int(std::lround(at.x())) + dx, int(std::lround(at.y())) + dy);
                if (std::abs(pixel.red() - colour.red()) < 30 &&
                    std::abs(pixel.green() - colour.green()) < 30 &&
                    std::abs(pixel.blue() - colour.blue()) < 30) {
                    return true;
                }
            }
        }
        return false;
    }

private slots:
    void curvesAreDrawnWhereTheirBinsLie() {
        const QString path =
            write("reliability.csv", "curve,mean_predicted,observed_frequency,samples\n"
                                     "calibrated,0.1,0.1,100\ncalibrated,0.5,0.5,100\n"
                                     "calibrated,0.9,0.9,100\n"
                                     "overconfident,0.1,0.3,100\noverconfident,0.5,0.5,100\n"
                                     "overconfident,0.9,0.6,100\n");
        QString error;
        const QImage image = drawReliabilityDiagram(path, &error);
        QVERIFY2(!image.isNull(), qPrintable(error));
        QCOMPARE(image.size(), reliabilityDiagramSize);
        if (const QByteArray keep = qgetenv("TWINBENCH_KEEP_SCREENSHOT"); !keep.isEmpty()) {
            image.save(QString::fromUtf8(keep));
        }
        const QColor first = reliabilityCurveColour(0);
        const QColor second = reliabilityCurveColour(1);
        QVERIFY(colourNear(image, reliabilityPlotPoint(0.9, 0.9), first));
        QVERIFY(colourNear(image, reliabilityPlotPoint(0.1, 0.1), first));
        QVERIFY(colourNear(image, reliabilityPlotPoint(0.9, 0.6), second));
        QVERIFY(colourNear(image, reliabilityPlotPoint(0.1, 0.3), second));
        // Nothing where no curve passes: the overconfident bin is not drawn on the diagonal.
        QVERIFY(!colourNear(image, reliabilityPlotPoint(0.9, 0.3), first, 4));
        QVERIFY(!colourNear(image, reliabilityPlotPoint(0.9, 0.3), second, 4));
    }

    void theCardEmbedsTheDiagram() {
        const QString path = write("card.csv", "curve,mean_predicted,observed_frequency,samples\n"
                                               "net,0.2,0.25,10\nnet,0.8,0.7,10\n");
        const QJsonObject card{{"calibration", QJsonArray{QJsonObject{{"run", "R1"},
                                                                      {"metric", "ece_net"},
                                                                      {"value", 0.05},
                                                                      {"reliability", path}},
                                                          QJsonObject{{"run", "R1"},
                                                                      {"metric", "ece_other"},
                                                                      {"value", 0.07},
                                                                      {"reliability", path}}}}};
        const QString html = vvuqCardHtml(card);
        QCOMPARE(html.count("data:image/png;base64,"), 1); // one diagram per table
        QVERIFY(html.contains("Reliability diagram of run R1"));
    }

    void aFileWithoutTheColumnsIsNamed() {
        const QString path = write("wrong.csv", "label,p\nx,0.5\n");
        QString error;
        QVERIFY(drawReliabilityDiagram(path, &error).isNull());
        QVERIFY2(error.contains(path) && error.contains("mean_predicted"), qPrintable(error));
        QVERIFY(drawReliabilityDiagram(m_directory.filePath("missing.csv"), &error).isNull());
        QVERIFY2(error.contains("missing.csv"), qPrintable(error));
        const QJsonObject card{
            {"calibration",
             QJsonArray{QJsonObject{
                 {"run", "R2"}, {"metric", "ece"}, {"value", 0.1}, {"reliability", path}}}}};
        QVERIFY(vvuqCardHtml(card).contains("cannot be drawn"));
    }
};

QTEST_MAIN(ReliabilityDiagramTest)
#include "ReliabilityDiagramTest.moc"
