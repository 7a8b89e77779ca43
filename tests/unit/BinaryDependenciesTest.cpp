// The GUI must never load Qt5 (Debian's VTK Qt module) or LibTorch (DESIGN.md: process split).
#include <QProcess>
#include <QTest>

class BinaryDependenciesTest : public QObject {
    Q_OBJECT

    static QStringList sharedLibraries(const QString& executable) {
        QProcess ldd;
        ldd.start("ldd", {executable});
        if (!ldd.waitForFinished(30000) || ldd.exitCode() != 0) {
            return {};
        }
        QStringList libraries;
        for (const QString& line : QString::fromUtf8(ldd.readAllStandardOutput()).split('\n')) {
            const QString name = line.trimmed().section(' ', 0, 0);
            if (!name.isEmpty()) {
                libraries << name;
            }
        }
        return libraries;
    }

private slots:
    void guiLinksNeitherQt5NorTorch() {
        const QStringList libraries = sharedLibraries(TWINBENCH_GUI_EXECUTABLE);
        QVERIFY2(libraries.size() > 10, "ldd listed too few libraries: is the binary there?");
        QVERIFY(libraries.filter("libQt6Widgets").size() == 1);
        QVERIFY(!libraries.filter("libvtkRenderingOpenGL2").isEmpty());
        for (const QString& library : libraries) {
            QVERIFY2(!library.startsWith("libQt5"), qPrintable(library));
            QVERIFY2(!library.startsWith("libtorch") && !library.startsWith("libc10"),
                     qPrintable(library));
        }
    }
};

QTEST_GUILESS_MAIN(BinaryDependenciesTest)
#include "BinaryDependenciesTest.moc"
