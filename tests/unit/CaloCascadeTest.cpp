// The calorimeter twin's particle-level reference (plugins/calogan/cascade, issue 23) against
// the PDG: the pair-production energy split against Bethe-Heitler, the radiation length,
// critical energy and Moliere radius of tungsten measured by transporting electrons, the depth
// of the shower maximum against ln(E/Ec) + C, lateral containment in bulk tungsten and in the
// sampling structure, the stochastic term of the energy resolution, and reproducibility.
// Energies <= 10 GeV; the slots together take ~15 s on a quiet core.
#include "CascadeShower.h"
#include "CrossSections.h"
#include "Geometry.h"
#include "MaterialPhysics.h"
#include "Transport.h"
#include "twinbench/sdk/Random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

using namespace calo::cascade;

namespace {

constexpr double rossiScaleEnergyMeV = 21.2052; // Es of R_M = Es X0 / Ec (PDG)

// Radius (mm) holding `fraction` of a radial histogram of bins `binMm` wide.
double containmentRadius(const std::vector<double>& radial, double binMm, double fraction) {
    double total = 0.0;
    for (double e : radial) {
        total += e;
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < radial.size(); ++i) {
        if (sum + radial[i] >= fraction * total) {
            return binMm * (double(i) + (fraction * total - sum) / radial[i]);
        }
        sum += radial[i];
    }
    return binMm * double(radial.size());
}

// Energy deposited by showers about the z axis: radial (0.1 mm bins, in the slabs selected)
// and longitudinal (0.25 X0 of PDG tungsten per bin) histograms, and what leaves.
class ShowerScorer : public Scorer {
public:
    std::vector<double> radial = std::vector<double>(600, 0.0);
    std::vector<double> radialOdd = std::vector<double>(600, 0.0); // odd slabs only (sensors)
    std::vector<double> depth = std::vector<double>(480, 0.0);
    double deposited = 0.0;

    void deposit(int slab, double x, double y, double z, double energyMeV) override {
        deposited += energyMeV;
        const auto r = std::min(std::size_t(std::hypot(x, y) / 0.1), radial.size() - 1);
        radial[r] += energyMeV;
        if (slab % 2 == 1) {
            radialOdd[r] += energyMeV;
        }
        const auto d = std::size_t(std::max(0.0, z / tungsten().radiationLengthMm() / 0.25));
        depth[std::min(d, depth.size() - 1)] += energyMeV;
    }
};

Particle electronAlongZ(double kineticMeV) {
    Particle electron;
    electron.energyMeV = kineticMeV;
    electron.charge = -1;
    electron.primary = true;
    return electron;
}

// Longo's Gamma profile dE/dt = A t^(a-1) e^(-bt) fitted to a mean profile by least squares
// (A solved for each (a, b) of a grid refined three times); its maximum at (a - 1) / b. The
// histogram's bins are `binX0` radiation lengths wide.
double gammaMaximum(const std::vector<double>& profile, double binX0) {
    double bestA = 2.0, bestB = 0.5, bestCost = std::numeric_limits<double>::infinity();
    double aLow = 1.2, aHigh = 10.0, bLow = 0.1, bHigh = 1.5;
    for (int round = 0; round < 4; ++round) {
        constexpr int grid = 40;
        for (int i = 0; i <= grid; ++i) {
            for (int j = 0; j <= grid; ++j) {
                const double a = aLow + (aHigh - aLow) * i / grid;
                const double b = bLow + (bHigh - bLow) * j / grid;
                double fp = 0.0, ff = 0.0, pp = 0.0;
                for (std::size_t k = 0; k < profile.size(); ++k) {
                    const double t = (double(k) + 0.5) * binX0;
                    const double f = std::pow(t, a - 1.0) * std::exp(-b * t);
                    fp += f * profile[k], ff += f * f, pp += profile[k] * profile[k];
                }
                const double cost = pp - fp * fp / ff; // residual with the best A = fp / ff
                if (cost < bestCost) {
                    bestCost = cost, bestA = a, bestB = b;
                }
            }
        }
        const double aSpan = (aHigh - aLow) / 8.0, bSpan = (bHigh - bLow) / 8.0;
        aLow = std::max(1.01, bestA - aSpan), aHigh = bestA + aSpan;
        bLow = std::max(0.01, bestB - bSpan), bHigh = bestB + bSpan;
    }
    return (bestA - 1.0) / bestB;
}

} // namespace

class CaloCascadeTest : public QObject {
    Q_OBJECT

    const MaterialPhysics m_tungsten{tungsten(), tungstenCuts()};
    // Bulk tungsten: 400 mm (114 X0), laterally unbounded.
    const Transport m_bulk{{{0.0, 400.0, &m_tungsten}}};
    ShowerScorer m_bulkTenGeV; // 10 GeV showers in bulk tungsten, shared by two slots

    const ShowerScorer& bulkTenGeV() {
        if (m_bulkTenGeV.deposited == 0.0) {
            twins::sdk::Random random(twins::sdk::streamSeed(23, 10));
            for (int i = 0; i < 40; ++i) {
                m_bulk.run(electronAlongZ(10000.0), random, m_bulkTenGeV);
            }
        }
        return m_bulkTenGeV;
    }

private slots:
    void pairSplitFollowsBetheHeitler() {
        // Energy share of the electron, sampled, against the differential cross section
        // integrated over 20 bins: Pearson chi2 below its 99.9% quantile for 19 degrees of
        // freedom (43.8). At 10 GeV the shape is also checked against the PDG's
        // complete-screening form 1 - 4/3 eps(1 - eps), which has 2/3 at eps = 1/2.
        for (const double photonMeV : {50.0, 10000.0}) {
            twins::sdk::Random random(twins::sdk::streamSeed(23, std::uint64_t(photonMeV)));
            constexpr int bins = 20;
            constexpr int samples = 100000;
            std::vector<double> counts(bins, 0.0);
            for (int i = 0; i < samples; ++i) {
                const double eps = m_tungsten.samplePairSplit(photonMeV, random);
                counts[std::min(bins - 1, int(eps * bins))] += 1.0;
            }
            std::vector<double> expected(bins, 0.0);
            double total = 0.0;
            for (int b = 0; b < bins; ++b) {
                constexpr int steps = 200;
                for (int s = 0; s < steps; ++s) {
                    const double eps = (b + (s + 0.5) / steps) / bins;
                    expected[b] += pairDifferential(tungsten(), photonMeV, eps);
                }
                total += expected[b];
            }
            double chi2 = 0.0;
            for (int b = 0; b < bins; ++b) {
                const double mean = expected[b] / total * samples;
                chi2 += mean > 0.0 ? (counts[b] - mean) * (counts[b] - mean) / mean : 0.0;
            }
            qInfo("pair split at %g MeV: chi2 %.1f for 19 degrees of freedom; centre/edge bins "
                  "%.3f",
                  photonMeV, chi2, counts[bins / 2] / counts[1]);
            QVERIFY2(chi2 < 43.8, qPrintable(QString::number(chi2)));
        }
        const double centre = pairDifferential(tungsten(), 10000.0, 0.5);
        const double edge = pairDifferential(tungsten(), 10000.0, 0.05);
        const double completeScreening = (2.0 / 3.0) / (1.0 - 4.0 / 3.0 * 0.05 * 0.95);
        qInfo("d sigma/d eps at 1/2 over 0.05: %.4f (complete screening %.4f)", centre / edge,
              completeScreening);
        QVERIFY(std::abs(centre / edge / completeScreening - 1.0) < 0.05);
        // High-energy limit of the total: sigma = 7/9 / (n X0) (PDG).
        const double pairX0 = m_tungsten.pairPerMm(1e5) * tungsten().radiationLengthMm();
        qInfo("100 GeV photons: sigma_pair n X0 = %.4f (7/9 = %.4f)", pairX0, 7.0 / 9.0);
        QVERIFY(std::abs(pairX0 / (7.0 / 9.0) - 1.0) < 0.03);
    }

    void radiationLengthFromThinSlab() {
        // 10 GeV electrons through 0.5 X0 of tungsten: the mean energy of the electron that
        // comes out is E0 exp(-t / X0) when it loses energy by bremsstrahlung (ionisation adds
        // ~4 MeV of the ~4 GeV lost, 0.1%), so X0 = t / ln(E0 / <E>).
        const double thickness = 0.5 * tungsten().radiationLengthMm();
        const Transport slab{{{0.0, thickness, &m_tungsten}}};
        struct : Scorer {
            double out = 0.0;
            int count = 0;
            void deposit(int, double, double, double, double) override {}
            void escape(const Particle& p) override {
                if (p.primary && p.charge != 0 && p.uz > 0) {
                    out += p.energyMeV + electronMassMeV;
                    ++count;
                }
            }
        } scorer;
        twins::sdk::Random random(twins::sdk::streamSeed(23, 1));
        const double e0 = 10000.0;
        const int electrons = 20000;
        for (int i = 0; i < electrons; ++i) {
            slab.run(electronAlongZ(e0 - electronMassMeV), random, scorer);
        }
        // The few that stop inside or turn back (15 in 20,000) count with no energy.
        QVERIFY(scorer.count > 0.99 * electrons);
        const double x0 = thickness / std::log(e0 / (scorer.out / electrons));
        qInfo("radiation length of tungsten: %.3f mm measured, %.3f mm PDG (%+.1f%%)", x0,
              tungsten().radiationLengthMm(), 100.0 * (x0 / tungsten().radiationLengthMm() - 1));
        QVERIFY(std::abs(x0 / tungsten().radiationLengthMm() - 1.0) < 0.05);

        // Critical energy (Rossi's definition, the PDG's: the ionisation loss over one X0
        // equals the energy), from the collision loss of 8 MeV electrons over 20 um: what is
        // deposited plus the delta rays that leave. Photons are produced down to 1 keV here so
        // the radiative loss is not counted as deposit.
        Cuts fine = tungstenCuts();
        fine.photonMeV = 0.001;
        const MaterialPhysics finePhysics(tungsten(), fine);
        const double foil = 0.02;
        const Transport thin{{{0.0, foil, &finePhysics}}};
        struct : Scorer {
            double collision = 0.0;
            void deposit(int, double, double, double, double e) override { collision += e; }
            void escape(const Particle& p) override {
                if (!p.primary && p.charge != 0) {
                    collision += p.energyMeV + (p.charge > 0 ? 2.0 * electronMassMeV : 0.0);
                }
            }
        } loss;
        const int foilElectrons = 20000;
        for (int i = 0; i < foilElectrons; ++i) {
            thin.run(electronAlongZ(8.0 - electronMassMeV), random, loss);
        }
        const double criticalMeV = loss.collision / foilElectrons / foil * x0;
        qInfo("critical energy of tungsten: %.2f MeV measured, %.2f MeV PDG (%+.1f%%)", criticalMeV,
              tungsten().criticalEnergyMeV,
              100.0 * (criticalMeV / tungsten().criticalEnergyMeV - 1));
        QVERIFY(std::abs(criticalMeV / tungsten().criticalEnergyMeV - 1.0) < 0.05);
        const double moliere = rossiScaleEnergyMeV * x0 / criticalMeV;
        qInfo("Moliere radius Es X0 / Ec from the measured X0 and Ec: %.3f mm, PDG %.3f mm "
              "(%+.1f%%)",
              moliere, tungsten().moliereRadiusMm,
              100.0 * (moliere / tungsten().moliereRadiusMm - 1));
        QVERIFY(std::abs(moliere / tungsten().moliereRadiusMm - 1.0) < 0.05);
    }

    void lateralContainmentInBulkTungsten() {
        // 10 GeV electrons in bulk tungsten, all deposits about the incident axis. The PDG
        // says "about 90%" of the energy lies within R_M and ~99% within 3.5 R_M (a rough
        // statement from measurements in lighter materials, with the caveat that beyond 3.5 R_M
        // the composition matters). Measured here: 90% within 1.16 R_M, 99% within 3.7 R_M:
        // not the 5% of the issue for this definition (the Es X0 / Ec definition above meets
        // it). Bounds: 90% within [0.9, 1.3] R_M, 99% within 4 R_M.
        const ShowerScorer& scorer = bulkTenGeV();
        const double rm = tungsten().moliereRadiusMm;
        const double r90 = containmentRadius(scorer.radial, 0.1, 0.90);
        const double r95 = containmentRadius(scorer.radial, 0.1, 0.95);
        const double r99 = containmentRadius(scorer.radial, 0.1, 0.99);
        qInfo("bulk tungsten, 10 GeV: 90%% within %.2f mm (%.2f R_M), 95%% within %.2f R_M, 99%% "
              "within %.2f R_M; %.2f%% of the energy deposited",
              r90, r90 / rm, r95 / rm, r99 / rm, 100.0 * scorer.deposited / (40 * 10000.0));
        QVERIFY2(r90 > 0.9 * rm && r90 < 1.3 * rm, qPrintable(QString::number(r90)));
        QVERIFY2(r99 < 4.0 * rm, qPrintable(QString::number(r99)));
        QVERIFY(scorer.deposited > 0.99 * 40 * 10000.0);
    }

    void showerMaximumFollowsLongo() {
        // t_max = ln(E / Ec) + C with C = -0.5 for electrons (PDG eq. 34.36, from Longo's
        // Gamma fits). Measured from the Gamma profile fitted by least squares to the mean profile
        // in bulk tungsten at 2, 5 and 10 GeV: within 1 X0 of it at each energy, and growing like
        // ln E (slope within 20% of 1).
        std::vector<double> energies{2.0, 5.0, 10.0};
        std::vector<double> maxima;
        for (const double energy : energies) {
            ShowerScorer local;
            const ShowerScorer* scorer = &local;
            if (energy == 10.0) {
                scorer = &bulkTenGeV();
            } else {
                twins::sdk::Random random(twins::sdk::streamSeed(23, std::uint64_t(energy)));
                const int showers = int(400.0 / energy);
                for (int i = 0; i < showers; ++i) {
                    m_bulk.run(electronAlongZ(energy * 1e3), random, local);
                }
            }
            const double tmax = gammaMaximum(scorer->depth, 0.25);
            const double expected = std::log(energy * 1e3 / tungsten().criticalEnergyMeV) - 0.5;
            qInfo("%g GeV in tungsten: maximum at %.2f X0, ln(E/Ec) - 0.5 = %.2f X0 (C = %.2f)",
                  energy, tmax, expected, tmax - (expected + 0.5));
            QVERIFY2(std::abs(tmax - expected) < 1.0, qPrintable(QString::number(tmax)));
            maxima.push_back(tmax);
        }
        const double slope = (maxima.back() - maxima.front()) / std::log(energies.back() / 2.0);
        qInfo("d t_max / d ln E = %.2f", slope);
        QVERIFY2(std::abs(slope - 1.0) < 0.2, qPrintable(QString::number(slope)));
    }

    void samplingStructureAndResolution() {
        // Showers at normal incidence in the Si/W calorimeter at 2, 5 and 10 GeV: the
        // silicon's share, sigma/E fitted as a / sqrt(E) (+) b, and the lateral containment of
        // the silicon signal against bulk tungsten's.
        const CascadeShowerSimulator simulator(23);
        std::vector<double> inverseEnergy, variance;
        ShowerScorer calorimeter;
        for (const double energy : {2.0, 5.0, 10.0}) {
            const int showers = int(600.0 / energy);
            std::vector<float> cells;
            double sum = 0.0, squares = 0.0;
            for (int i = 0; i < showers; ++i) {
                const calo::ShowerTruth truth = simulator.simulate({energy, 90.0}, i, cells);
                const double visible = truth.visibleGeV / energy;
                sum += visible;
                squares += visible * visible;
            }
            const double mean = sum / showers;
            const double relative = std::sqrt(squares / showers - mean * mean) / mean;
            qInfo("%g GeV: silicon share %.5f (e/mip %.2f), sigma/E %.4f over %d showers", energy,
                  mean, mean / calo::mipSamplingFraction, relative, showers);
            QVERIFY(mean > 0.4 * calo::mipSamplingFraction && mean < calo::mipSamplingFraction);
            inverseEnergy.push_back(1.0 / energy);
            variance.push_back(relative * relative);
        }
        // Least squares of sigma^2/E^2 = a^2 / E + b^2.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        const double n = double(variance.size());
        for (std::size_t i = 0; i < variance.size(); ++i) {
            sx += inverseEnergy[i], sy += variance[i];
            sxx += inverseEnergy[i] * inverseEnergy[i], sxy += inverseEnergy[i] * variance[i];
        }
        double a2 = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double b2 = (sy - a2 * sx) / n;
        if (b2 < 0.0) { // a constant term cannot be negative: fit a alone
            b2 = 0.0;
            a2 = sxy / sxx;
        }
        const double a = std::sqrt(a2), b = std::sqrt(b2);
        qInfo("energy resolution: %.1f%% / sqrt(E/GeV) (+) %.1f%% (CALICE Si-W: 16.5%%, "
              "CLIC-like Si-W designs 15-20%%)",
              100 * a, 100 * b);
        QVERIFY2(a > 0.13 && a < 0.24, qPrintable(QString::number(a)));

        // Lateral containment in the sampling structure at 10 GeV: of all the energy deposited
        // (tungsten and silicon), against bulk tungsten's: the 0.5 mm sensors dilute the
        // tungsten, so expect about the +11% of the volume-averaged R_M (bounds +0% to +25%);
        // and of the silicon signal alone, which sees the charged particles and misses the soft
        // photons absorbed in the tungsten, so it is narrower (it must stay within 2 R_M).
        twins::sdk::Random random(twins::sdk::streamSeed(23, 99));
        for (int i = 0; i < 40; ++i) {
            simulator.transport().run(electronAlongZ(10000.0), random, calorimeter);
        }
        const double bulk = containmentRadius(bulkTenGeV().radial, 0.1, 0.90);
        const double all = containmentRadius(calorimeter.radial, 0.1, 0.90);
        const double signal = containmentRadius(calorimeter.radialOdd, 0.1, 0.90);
        const double signal95 = containmentRadius(calorimeter.radialOdd, 0.1, 0.95);
        const double rm = tungsten().moliereRadiusMm;
        qInfo("90%% containment at 10 GeV: bulk tungsten %.2f mm (%.2f R_M); sampling "
              "structure, all deposits %.2f mm (%+.0f%%; volume-averaged R_M %+.0f%%), silicon "
              "signal %.2f mm (%.2f R_M, %+.0f%%; 95%% within %.2f R_M)",
              bulk, bulk / rm, all, 100.0 * (all / bulk - 1.0),
              100.0 * (calo::effectiveMoliereMm / calo::tungstenMoliereMm - 1.0), signal,
              signal / rm, 100.0 * (signal / bulk - 1.0), signal95 / rm);
        QVERIFY2(all > bulk && all < 1.25 * bulk, qPrintable(QString::number(all)));
        QVERIFY2(signal < 2.0 * rm, qPrintable(QString::number(signal)));
    }

    void sameSeedSameShower() {
        const CascadeShowerSimulator first(5), second(5), other(6);
        std::vector<float> a, b, c;
        first.simulate({5.0, 75.0}, 3, a);
        second.simulate({5.0, 75.0}, 3, b);
        other.simulate({5.0, 75.0}, 3, c);
        QVERIFY(a == b);
        QVERIFY(a != c);
        // A block on two threads writes what one shower at a time writes.
        std::vector<float> block;
        first.simulateBlock({{5.0, 90.0}, {5.0, 75.0}, {3.0, 110.0}}, 2, block, 2);
        std::vector<float> single;
        first.simulate({5.0, 75.0}, 3, single);
        QVERIFY(std::equal(single.begin(), single.end(), block.begin() + calo::cellsPerShower));
    }

    void cancelledInsideAShower() {
        const CascadeShowerSimulator simulator(1);
        std::vector<float> cells;
        int polls = 0;
        QVERIFY_THROWS_EXCEPTION(CascadeCancelled, simulator.simulate({10.0, 90.0}, 0, cells, [&] {
            ++polls;
            return true;
        }));
        QCOMPARE(polls, 1);
    }
};

QTEST_GUILESS_MAIN(CaloCascadeTest)
#include "CaloCascadeTest.moc"
