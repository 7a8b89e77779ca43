// The Models dock (app/twinbench/models) over real worker runs of the test twin (generate ->
// fit -> predict -> sum, and a predict beyond the fitted cells): the trained model is listed
// with its verdict, its VVUQ card is drawn (the verdict badge's colour on screen, the orange
// band of the validation outside the training domain), saved as JSON and HTML; an empty
// registry says there is no model yet.
#include "models/ModelsDock.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace twins::app;

namespace {

int pixelsOf(const QImage& image, const QColor& colour) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            count += image.pixelColor(x, y) == colour ? 1 : 0;
        }
    }
    return count;
}

} // namespace

class ModelsDockTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_model;
    QString m_extrapolatedSum;

    QString submit(const QStringList& arguments) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWINBENCH_RUNS_DIR"), m_root.path());
        environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH"),
                           QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR));
        environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH_ONLY"), QStringLiteral("1"));
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE),
                      QStringList{QStringLiteral("run"), QStringLiteral("testtwin")} + arguments +
                          QStringList{QStringLiteral("--wait")});
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            qWarning("%s", process.readAllStandardError().constData());
            return {};
        }
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

private slots:
    void initTestCase() {
        const QString field = submit({QStringLiteral("generate")});
        m_model = submit({QStringLiteral("fit"), QStringLiteral("--input"), field});
        const QString predicted =
            submit({QStringLiteral("predict"), QStringLiteral("--input"), m_model});
        QVERIFY(!submit({QStringLiteral("sum"), QStringLiteral("--input"), predicted}).isEmpty());
        const QString extrapolated =
            submit({QStringLiteral("predict"), QStringLiteral("--input"), m_model,
                    QStringLiteral("--set"), QStringLiteral("size=24")});
        m_extrapolatedSum =
            submit({QStringLiteral("sum"), QStringLiteral("--input"), extrapolated});
        QVERIFY(!m_extrapolatedSum.isEmpty());
        // The registry the dock reads by default (RunRegistry::defaultDatabasePath).
        qputenv("TWINBENCH_RUNS_DIR", m_root.path().toUtf8());
    }

    void listsTheModelAndDrawsItsCard() {
        ModelsDock dock(nullptr, {}, {QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR)});
        dock.setFloating(true);
        dock.resize(760, 1000);
        QSignalSpy refreshed(&dock, &ModelsDock::refreshed);
        dock.show(); // the first show reads the registry
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() == 1, 20000);
        QCOMPARE(dock.modelList()->topLevelItemCount(), 1);
        QCOMPARE(dock.modelList()->topLevelItem(0)->text(0), m_model);
        QCOMPARE(dock.modelList()->topLevelItem(0)->text(3), QStringLiteral("fit for purpose"));
        QVERIFY2(dock.statusLabel()->text().contains(QStringLiteral("1 trained model")),
                 qPrintable(dock.statusLabel()->text()));
        const QString text = dock.cardView()->toPlainText();
        for (const QString& expected :
             {QStringLiteral("Model ") + m_model, QStringLiteral("FIT FOR PURPOSE"),
              QStringLiteral("rmse <= 0.05"), QStringLiteral("Training domain: inside."),
              QStringLiteral("Run ") + m_extrapolatedSum,
              QStringLiteral("Outside the training domain (the model extrapolated): x: asked "
                             "[0, 23], trained on [0, 15]"),
              QStringLiteral("energy estimate")}) {
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral("\n") + text));
        }
        QTest::qWait(50);
        if (const QByteArray keep = qgetenv("TWINBENCH_KEEP_SCREENSHOT"); !keep.isEmpty()) {
            dock.grab().save(QString::fromUtf8(keep)); // to look at it as a user would
        }
        const QImage top = dock.cardView()->viewport()->grab().toImage();
        QVERIFY2(pixelsOf(top, QColor(0x2e, 0x7d, 0x32)) > 300,
                 qPrintable(QString::number(pixelsOf(top, QColor(0x2e, 0x7d, 0x32)))));
        QVERIFY(dock.cardView()->find(QStringLiteral("Outside the training domain")));
        QTest::qWait(50);
        const QImage outside = dock.cardView()->viewport()->grab().toImage();
        QVERIFY2(pixelsOf(outside, QColor(0xff, 0xe0, 0xb2)) > 1000,
                 qPrintable(QString::number(pixelsOf(outside, QColor(0xff, 0xe0, 0xb2)))));
    }

    void savesTheCardAsJsonAndHtml() {
        ModelsDock dock(nullptr, {}, {QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR)});
        QSignalSpy refreshed(&dock, &ModelsDock::refreshed);
        dock.refresh();
        QVERIFY(refreshed.wait(20000));
        QVERIFY(dock.selectModel(m_model));
        QTemporaryDir out;
        QSignalSpy saved(&dock, &ModelsDock::cardSaved);
        const QString json = out.filePath(QStringLiteral("card.json"));
        dock.saveCard(json);
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.last().at(1).toString(), QString());
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject card = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(card.value(QStringLiteral("format")).toString(),
                 QStringLiteral("twinbench-vvuq/1"));
        const QString html = out.filePath(QStringLiteral("card.html"));
        dock.saveCard(html);
        QVERIFY(saved.wait(5000));
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        QVERIFY(page.readAll().contains("FIT FOR PURPOSE"));
        // A folder that does not exist: the message names the file.
        dock.saveCard(out.filePath(QStringLiteral("missing/card.json")));
        QVERIFY(saved.wait(5000));
        QVERIFY2(saved.last().at(1).toString().contains(QStringLiteral("missing/card.json")),
                 qPrintable(saved.last().at(1).toString()));
        QVERIFY(dock.statusLabel()->text().startsWith(QStringLiteral("Could not save")));
    }

    void emptyRegistrySaysThereIsNoModelYet() {
        QTemporaryDir empty;
        ModelsDock dock(nullptr, QDir(empty.path()).filePath(QStringLiteral("runs.sqlite")),
                        {QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR)});
        QSignalSpy refreshed(&dock, &ModelsDock::refreshed);
        dock.refresh();
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(dock.modelList()->topLevelItemCount(), 0);
        QVERIFY2(dock.statusLabel()->text().contains(QStringLiteral("No trained model")),
                 qPrintable(dock.statusLabel()->text()));
        QVERIFY(!QFile::exists(QDir(empty.path()).filePath(QStringLiteral("runs.sqlite"))));
    }
};

QTEST_MAIN(ModelsDockTest)
#include "ModelsDockTest.moc"
