// The showers file of the calorimeter twin read back with the project's generic reader
// (twins::data::Dataset): the 3DGAN layout (ECAL events x 51 x 51 x 25 float32, energy,
// theta), the recorded seed and physics constants, and cells equal to the simulator's.
#include "Geometry.h"
#include "ShowerFile.h"
#include "ShowerSimulator.h"
#include "SimulationRun.h"
#include "Validation.h"
#include "twinbench/data/Dataset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace {

double rootAttribute(const twins::data::Dataset& dataset, const std::string& name) {
    for (const auto& attribute : dataset.root().attributes) {
        if (attribute.name == name && !attribute.numbers.empty()) {
            return attribute.numbers.front();
        }
    }
    return NAN;
}

} // namespace

class CaloFileTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

    std::string simulateFile(const char* name, std::uint64_t seed, std::size_t events) {
        calo::SimulationPlan plan;
        plan.energiesGeV = {50.0, 100.0};
        plan.thetaMinDeg = 60.0;
        plan.thetaMaxDeg = 120.0;
        plan.events = events;
        plan.seed = seed;
        const std::string path = m_directory.filePath(name).toStdString();
        std::size_t reports = 0;
        calo::simulateToFile(plan, path, [&](std::size_t, std::size_t) { return ++reports > 0; });
        return path;
    }

private slots:
    void layoutReadBack() {
        QVERIFY(m_directory.isValid());
        const std::string path = simulateFile("showers.h5", 42, 20);
        const auto dataset = twins::data::Dataset::open(path);
        const auto& ecal = dataset->variable("ECAL");
        QCOMPARE(ecal.shape, (std::vector<std::size_t>{20, 51, 51, 25}));
        QCOMPARE(ecal.typeName, std::string("float"));
        const std::vector<double> energy = dataset->readDecoded("energy", {{0}, {20}, {}});
        const std::vector<double> theta = dataset->readDecoded("theta", {{0}, {20}, {}});
        for (std::size_t i = 0; i < 20; ++i) {
            QCOMPARE(energy[i], i % 2 == 0 ? 50.0 : 100.0);
            QVERIFY(theta[i] >= M_PI / 3 - 1e-6 && theta[i] <= 2 * M_PI / 3 + 1e-6);
        }
        QCOMPARE(rootAttribute(*dataset, "seed"), 42.0);
        QCOMPARE(rootAttribute(*dataset, "X0_mm"), calo::effectiveX0Mm);
        QCOMPARE(rootAttribute(*dataset, "moliere_radius_mm"), calo::effectiveMoliereMm);
        QCOMPARE(rootAttribute(*dataset, "critical_energy_MeV"), calo::effectiveCriticalMeV);
        QCOMPARE(rootAttribute(*dataset, "sampling_fraction"), calo::samplingFraction);
        QCOMPARE(rootAttribute(*dataset, "absorber_X0_mm"), calo::tungstenX0Mm);

        // Shower 7 in the file is shower 7 of the simulator with the same conditions.
        const calo::ShowerFileReader reader(path);
        std::vector<float> stored, direct;
        reader.read(7, 1, stored);
        calo::SimulationPlan plan;
        plan.energiesGeV = {50.0, 100.0};
        plan.seed = 42;
        calo::ShowerSimulator(42).simulate(calo::conditionsFor(plan, 7), 7, direct);
        QVERIFY(stored == direct);
        QVERIFY(std::count_if(stored.begin(), stored.end(), [](float v) { return v > 0; }) > 50);
    }

    void validationOfASampleWithItself() {
        const std::string path = simulateFile("self.h5", 5, 16);
        const calo::ValidationResult result =
            calo::validateFiles(path, path, {50.0, 100.0}, 5.0, {});
        QCOMPARE(result.bins.size(), std::size_t(2));
        QCOMPARE(result.bins[0].reference.showers, std::size_t(8));
        QCOMPARE(result.momentError, 0.0);
        QCOMPARE(result.longitudinalError, 0.0);
        QCOMPARE(result.samplingFractionError, 0.0);
        // An energy absent from the files is refused, naming the file.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 calo::validateFiles(path, path, {300.0}, 5.0, {}));
    }

    void cancellationLeavesNoFile() {
        calo::SimulationPlan plan;
        plan.events = 64;
        const QString path = m_directory.filePath("cancelled.h5");
        std::size_t reports = 0;
        QVERIFY_THROWS_EXCEPTION(
            calo::SimulationCancelled,
            calo::simulateToFile(plan, path.toStdString(), [&](std::size_t done, std::size_t) {
                ++reports;
                return done < 32;
            }));
        QCOMPARE(reports, std::size_t(2)); // stopped at the first report after the request
        QVERIFY(!QFile::exists(path));
    }

    void refusesAFileOfAnotherLayout() {
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 calo::ShowerFileReader(TWINBENCH_SOURCE_DIR "/README.md"));
    }
};

QTEST_GUILESS_MAIN(CaloFileTest)
#include "CaloFileTest.moc"
