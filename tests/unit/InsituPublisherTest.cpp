// The in-situ API (twins/insitu, issue 24): the run settings and their interval, the CF NetCDF
// extract read back with NetCDF-C, shapes refused, retention, the missing Catalyst adaptor, the
// insitu_live reachability check, and the SDK's common run parameters that every action gets
// without declaring them.
#include "twinbench/insitu/ExtractWriter.h"
#include "twinbench/insitu/InsituSettings.h"
#include "twinbench/insitu/LiveEndpoint.h"
#include "twinbench/insitu/Publisher.h"
#include "twinbench/sdk/CommonRunParameters.h"
#include "twinbench/sdk/ModuleMetadata.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TwinModule.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <netcdf.h>

#include <arpa/inet.h>
#include <cmath>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using namespace twins::insitu;

// An action context over a temporary outputs/ (no run directory around it).
class FolderContext : public twins::sdk::ActionContext {
public:
    FolderContext(QString outputs, QJsonObject parameters)
        : m_outputs(std::move(outputs)), m_parameters(std::move(parameters)) {
        QDir().mkpath(m_outputs);
    }
    QJsonObject parameters() const override { return m_parameters; }
    QStringList inputs() const override { return {}; }
    QString outputDirectory() const override { return m_outputs; }
    QString workDirectory() const override { return m_outputs; }
    void reportProgress(double, const QString&) override {}
    void reportMetric(qint64, const QString&, double) override {}
    void log(const QString& line) override { logged << line; }
    bool isCancelled() const override { return false; }
    QStringList logged;

private:
    QString m_outputs;
    QJsonObject m_parameters;
};

Snapshot volumeSnapshot(std::int64_t step) {
    Snapshot snapshot;
    snapshot.stream = "shower";
    snapshot.step = step;
    snapshot.time = 6.0 * static_cast<double>(step);
    snapshot.timeUnits = "hours since 2017-08-01 00:00:00";
    snapshot.calendar = "standard";
    snapshot.axes = {Axis{"layer", "", "", {0, 1}}, Axis{"y", "mm", "", {0, 5, 10}},
                     Axis{"x", "mm", "", {0, 5, 10, 15}}};
    GridField energy{"energy", "GeV", "Deposited energy", "", {"layer", "y", "x"}, {}};
    for (int index = 0; index < 24; ++index) {
        energy.values.push_back(static_cast<float>(index) + 0.5f * static_cast<float>(step));
    }
    energy.values[5] = std::nanf("");
    snapshot.fields = {energy};
    snapshot.pointSets = {
        PointSet{"hits",
                 {PointColumn{"x", "mm", "", {1.0, 2.0}}, PointColumn{"e", "GeV", "", {3.0, 4.0}}}},
        PointSet{"tracks", {PointColumn{"lat", "degrees_north", "latitude", {}}}}};
    snapshot.scalars = {Scalar{"total", "GeV", 276.0}};
    return snapshot;
}

std::string textAttribute(int nc, int variable, const char* name) {
    std::size_t length = 0;
    if (nc_inq_attlen(nc, variable, name, &length) != NC_NOERR) {
        return {};
    }
    std::string text(length, '\0');
    nc_get_att_text(nc, variable, name, text.data());
    return text;
}

QJsonObject extractsParameters(int every, int keep) {
    return QJsonObject{{"insitu", "extracts"}, {"insitu_every", every}, {"insitu_keep", keep}};
}

} // namespace

class InsituPublisherTest : public QObject {
    Q_OBJECT

private slots:
    void intervalGivesAtLeastTenExtracts() {
        const InsituSettings automatic =
            InsituSettings::fromParameters(QJsonObject{{"insitu", "extracts"}});
        for (const std::int64_t steps : {1, 7, 12, 19, 20, 99, 100, 1460}) {
            int published = 0;
            for (std::int64_t step = 0; step < steps; ++step) {
                published += automatic.due(step, steps) ? 1 : 0;
            }
            QVERIFY2(published >= std::min<std::int64_t>(10, steps),
                     qPrintable(QString::number(steps)));
            QVERIFY(automatic.due(steps - 1, steps)); // the last step always
        }
        QCOMPARE(automatic.interval(1460), 146);
        const InsituSettings every5 = InsituSettings::fromParameters(extractsParameters(5, 10));
        QVERIFY(every5.due(4, 100));
        QVERIFY(!every5.due(5, 100));
        const InsituSettings off = InsituSettings::fromParameters(QJsonObject{{"insitu", "off"}});
        QVERIFY(!off.due(0, 1));
        QVERIFY(!InsituSettings::fromParameters({}).enabled()); // a context without them
    }

    void extractReadsBackWithNetcdfC() {
        QTemporaryDir folder;
        const std::string path = folder.filePath("shower_00000003.nc").toStdString();
        writeExtract(volumeSnapshot(3), path, "run-42");
        int nc = -1;
        QCOMPARE(nc_open(path.c_str(), NC_NOWRITE, &nc), NC_NOERR);
        QCOMPARE(textAttribute(nc, NC_GLOBAL, "Conventions"), std::string("CF-1.10"));
        QCOMPARE(textAttribute(nc, NC_GLOBAL, "twinbench_run_id"), std::string("run-42"));
        QCOMPARE(textAttribute(nc, NC_GLOBAL, "twinbench_insitu_step"), std::string("3"));
        int variable = -1;
        QCOMPARE(nc_inq_varid(nc, "energy", &variable), NC_NOERR);
        int dimensions = 0;
        nc_inq_varndims(nc, variable, &dimensions);
        QCOMPARE(dimensions, 4); // time, layer, y, x
        QCOMPARE(textAttribute(nc, variable, "units"), std::string("GeV"));
        std::vector<float> values(24);
        QCOMPARE(nc_get_var_float(nc, variable, values.data()), NC_NOERR);
        QCOMPARE(values[23], 23.0f + 1.5f);
        QVERIFY(std::isnan(values[5]));
        int time = -1;
        double hours = 0.0;
        nc_inq_varid(nc, "time", &time);
        nc_get_var_double(nc, time, &hours);
        QCOMPARE(hours, 18.0);
        QCOMPARE(textAttribute(nc, time, "calendar"), std::string("standard"));
        int hitsE = -1;
        QCOMPARE(nc_inq_varid(nc, "hits_e", &hitsE), NC_NOERR);
        double e[2] = {0, 0};
        nc_get_var_double(nc, hitsE, e);
        QCOMPARE(e[1], 4.0);
        int tracksDimension = -1;
        std::size_t tracks = 99;
        QCOMPARE(nc_inq_dimid(nc, "tracks", &tracksDimension), NC_NOERR);
        nc_inq_dimlen(nc, tracksDimension, &tracks);
        QCOMPARE(tracks, std::size_t(0)); // no point at this step is a result too
        int total = -1;
        double totalValue = 0.0;
        nc_inq_varid(nc, "total", &total);
        nc_get_var_double(nc, total, &totalValue);
        QCOMPARE(totalValue, 276.0);
        nc_close(nc);
        // Written whole: nothing but the extract is left in the folder.
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList{"shower_00000003.nc"});
    }

    void shapesThatDoNotAddUpAreRefused() {
        QTemporaryDir folder;
        const std::string path = folder.filePath("x.nc").toStdString();
        Snapshot wrongCount = volumeSnapshot(0);
        wrongCount.fields[0].values.pop_back();
        QVERIFY_THROWS_EXCEPTION(twins::sdk::SdkError, writeExtract(wrongCount, path, ""));
        Snapshot unknownAxis = volumeSnapshot(0);
        unknownAxis.fields[0].axes[0] = "depth";
        QVERIFY_THROWS_EXCEPTION(twins::sdk::SdkError, writeExtract(unknownAxis, path, ""));
        Snapshot ragged = volumeSnapshot(0);
        ragged.pointSets[0].columns[1].values.pop_back();
        QVERIFY_THROWS_EXCEPTION(twins::sdk::SdkError, writeExtract(ragged, path, ""));
        QVERIFY(QDir(folder.path()).entryList(QDir::Files).isEmpty());
    }

    void publisherKeepsTheNewestExtracts() {
        QTemporaryDir run;
        FolderContext context(run.filePath("outputs"), extractsParameters(0, 3));
        Publisher publisher(context);
        QVERIFY(publisher.enabled());
        QCOMPARE(publisher.directory(), run.filePath("insitu"));
        for (std::int64_t step = 0; step < 5; ++step) {
            QVERIFY(publisher.due(step, 5));
            publisher.publish(volumeSnapshot(step));
        }
        QCOMPARE(publisher.published(), 5);
        QCOMPARE(QDir(run.filePath("insitu")).entryList(QDir::Files),
                 QStringList({"shower_00000002.nc", "shower_00000003.nc", "shower_00000004.nc"}));
        QVERIFY(context.logged.join('\n').contains("in-situ extracts to"));
    }

    void publisherOffWritesNothing() {
        QTemporaryDir run;
        FolderContext context(run.filePath("outputs"), QJsonObject{{"insitu", "off"}});
        Publisher publisher(context);
        QVERIFY(!publisher.due(0, 1));
        QVERIFY(!QFileInfo::exists(run.filePath("insitu")));
    }

    void catalystWithoutAdaptorFailsWithAClearMessage() {
        qputenv("TWINBENCH_CATALYST_ADAPTOR", "/nonexistent/libtwinbench_catalyst.so");
        QTemporaryDir folder;
        const QString script = folder.filePath("pipeline.py");
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("from paraview.simple import *\n");
        file.close();
        const InsituSettings catalyst = InsituSettings::fromParameters(
            QJsonObject{{"insitu", "catalyst"}, {"insitu_script", script}});
        try {
            checkRunStart(catalyst);
            QFAIL("insitu=catalyst started without an adaptor");
        } catch (const twins::sdk::SdkError& error) {
            QVERIFY2(error.message().contains("no ParaView Catalyst adaptor") &&
                         error.message().contains("/nonexistent/libtwinbench_catalyst.so") &&
                         error.message().contains("insitu=extracts"),
                     qPrintable(error.message()));
        }
        FolderContext context(folder.filePath("outputs"),
                              QJsonObject{{"insitu", "catalyst"}, {"insitu_script", script}});
        QVERIFY_THROWS_EXCEPTION(twins::sdk::SdkError, Publisher{context});
        checkRunStart(InsituSettings::fromParameters(extractsParameters(0, 10))); // no throw
        qunsetenv("TWINBENCH_CATALYST_ADAPTOR");
    }

    void liveEndpointIsCheckedOnce() {
        // A listening socket on the loopback, on a port the system picks: reachable.
        const int listening = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(listening, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        QCOMPARE(::listen(listening, 1), 0);
        socklen_t length = sizeof address;
        ::getsockname(listening, reinterpret_cast<sockaddr*>(&address), &length);
        const int port = ntohs(address.sin_port);
        QCOMPARE(liveEndpointProblem(QStringLiteral("127.0.0.1:%1").arg(port)), QString());
        QCOMPARE(liveEndpointProblem(QStringLiteral("localhost:%1").arg(port)), QString());
        ::close(listening);
        // Closed now: refused, said so.
        const QString refused = liveEndpointProblem(QStringLiteral("127.0.0.1:%1").arg(port));
        QVERIFY2(refused.contains("refused"), qPrintable(refused));
        QCOMPARE(liveEndpointProblem("22222"), QString("not HOST:PORT"));
        QCOMPARE(liveEndpointProblem("localhost:http"), QString("not HOST:PORT"));
        QVERIFY(liveEndpointProblem("no-such-host.invalid:22222").startsWith("host "));
    }

    void everyActionGetsTheCommonRunParameters() {
        const QJsonObject metaData{
            {"abiVersion", twins::sdk::twinModuleAbiVersion},
            {"id", "tiny"},
            {"name", "Tiny"},
            {"domain", "test"},
            {"version", "1"},
            {"parameters",
             QJsonArray{QJsonObject{{"key", "size"}, {"type", "integer"}, {"default", 4}}}},
            {"actions", QJsonArray{QJsonObject{{"id", "make"}, {"parameters", QJsonArray{"size"}}},
                                   QJsonObject{{"id", "none"}, {"parameters", QJsonArray{}}}}}};
        const auto module = twins::sdk::ModuleMetadata::fromJson(metaData, "tiny.json");
        QCOMPARE(module.actionParameters("make").keys(), QStringList{"size"});
        QCOMPARE(module.runParameters("make").keys(),
                 QStringList({"size", "insitu", "insitu_every", "insitu_script", "insitu_live",
                              "insitu_keep"}));
        const QJsonObject resolved = module.runParameters("none").resolve({{"insitu", "extracts"}});
        QCOMPARE(resolved.value("insitu").toString(), QString("extracts"));
        QCOMPARE(resolved.value("insitu_every").toInt(), 0);
        QVERIFY_THROWS_EXCEPTION(twins::sdk::SdkError,
                                 module.runParameters("none").resolve({{"insitu", "always"}}));

        QJsonObject declaring = metaData;
        declaring.insert(
            "parameters",
            QJsonArray{QJsonObject{{"key", "insitu"}, {"type", "bool"}, {"default", false}}});
        declaring.insert("actions", QJsonArray{QJsonObject{{"id", "make"}}});
        try {
            twins::sdk::ModuleMetadata::fromJson(declaring, "tiny.json");
            QFAIL("a twin declaring 'insitu' was accepted");
        } catch (const twins::sdk::SdkError& error) {
            QVERIFY2(error.message().contains("'insitu', which the SDK adds to every action"),
                     qPrintable(error.message()));
        }
    }
};

QTEST_GUILESS_MAIN(InsituPublisherTest)
#include "InsituPublisherTest.moc"
