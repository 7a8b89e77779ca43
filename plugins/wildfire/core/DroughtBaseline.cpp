#include "DroughtBaseline.h"

#include "WildfireError.h"

#include <algorithm>
#include <cmath>

namespace wildfire {

namespace {

std::array<double, 4> features(double kbdiMm, double lai) {
    const double x1 = kbdiMm / KeetchByram::capacityMm;
    const double x2 = lai / 3.0;
    return {1.0, x1, x2, x1 * x2};
}

using Matrix4 = std::array<std::array<double, 4>, 4>;

// Solves a x = b in place (Gaussian elimination with partial pivoting); false when a column has
// no pivot (a feature without variation).
bool solve(Matrix4& a, std::array<double, 4>& b) {
    for (int col = 0; col < 4; ++col) {
        int pivot = col;
        for (int row = col + 1; row < 4; ++row) {
            if (std::abs(a[row][col]) > std::abs(a[pivot][col])) {
                pivot = row;
            }
        }
        std::swap(a[col], a[pivot]);
        std::swap(b[col], b[pivot]);
        if (std::abs(a[col][col]) < 1e-12) {
            return false;
        }
        for (int row = col + 1; row < 4; ++row) {
            const double factor = a[row][col] / a[col][col];
            for (int k = col; k < 4; ++k) {
                a[row][k] -= factor * a[col][k];
            }
            b[row] -= factor * b[col];
        }
    }
    for (int row = 3; row >= 0; --row) {
        for (int k = row + 1; k < 4; ++k) {
            b[row] -= a[row][k] * b[k];
        }
        b[row] /= a[row][row];
    }
    return true;
}

} // namespace

double KeetchByram::step(double deficitMm, double rainMm, double maxTemperatureC,
                         double annualRainMm, int days) {
    double q = std::max(0.0, deficitMm - std::max(0.0, rainMm - interceptionMm));
    const double drying = std::max(0.0, 0.968 * std::exp(0.0875 * maxTemperatureC + 1.5552) - 8.30);
    const double perDay = drying / (1.0 + 10.88 * std::exp(-0.001736 * annualRainMm)) * 1e-3;
    for (int day = 0; day < days; ++day) {
        q += (capacityMm - q) * perDay;
    }
    return std::min(q, capacityMm);
}

DroughtLogistic::DroughtLogistic()
    : m_count(kbdiBins * laiBins), m_positives(kbdiBins * laiBins), m_sumKbdi(kbdiBins * laiBins),
      m_sumLai(kbdiBins * laiBins) {}

void DroughtLogistic::add(double kbdiMm, double lai, bool burned) {
    const int i =
        std::clamp(static_cast<int>(kbdiMm / KeetchByram::capacityMm * kbdiBins), 0, kbdiBins - 1);
    const int j = std::clamp(static_cast<int>(lai / 8.0 * laiBins), 0, laiBins - 1);
    const std::size_t bin = static_cast<std::size_t>(i) * laiBins + j;
    m_count[bin] += 1.0;
    m_positives[bin] += burned ? 1.0 : 0.0;
    m_sumKbdi[bin] += kbdiMm;
    m_sumLai[bin] += lai;
}

double DroughtLogistic::samples() const {
    double total = 0.0;
    for (const double n : m_count) {
        total += n;
    }
    return total;
}

void DroughtLogistic::fit() {
    double positives = 0.0;
    for (const double p : m_positives) {
        positives += p;
    }
    if (positives <= 0.0 || positives >= samples()) {
        throw WildfireError("the baseline's training years hold " +
                            std::string(positives <= 0.0 ? "no burned" : "only burned") +
                            " samples on burnable land: a logistic regression needs both");
    }
    m_beta = {std::log(positives / (samples() - positives)), 0.0, 0.0, 0.0};
    for (int iteration = 0; iteration < 100; ++iteration) {
        std::array<double, 4> gradient{};
        Matrix4 hessian{};
        for (std::size_t bin = 0; bin < m_count.size(); ++bin) {
            const double n = m_count[bin];
            if (n <= 0.0) {
                continue;
            }
            const std::array<double, 4> x = features(m_sumKbdi[bin] / n, m_sumLai[bin] / n);
            double eta = 0.0;
            for (int k = 0; k < 4; ++k) {
                eta += m_beta[k] * x[k];
            }
            const double p = 1.0 / (1.0 + std::exp(-eta));
            const double residual = m_positives[bin] - n * p;
            const double w = n * p * (1.0 - p) + 1e-12;
            for (int k = 0; k < 4; ++k) {
                gradient[k] += residual * x[k];
                for (int l = 0; l < 4; ++l) {
                    hessian[k][l] += w * x[k] * x[l];
                }
            }
        }
        std::array<double, 4> delta = gradient;
        if (!solve(hessian, delta)) {
            return; // a feature without variation: keep the fit so far
        }
        double change = 0.0;
        for (int k = 0; k < 4; ++k) {
            m_beta[k] += delta[k];
            change += std::abs(delta[k]);
        }
        if (change < 1e-10) {
            break;
        }
    }
}

double DroughtLogistic::probability(double kbdiMm, double lai) const {
    const std::array<double, 4> x = features(kbdiMm, lai);
    double eta = 0.0;
    for (int k = 0; k < 4; ++k) {
        eta += m_beta[k] * x[k];
    }
    return 1.0 / (1.0 + std::exp(-eta));
}

void DroughtAreaRegression::add(double kbdiMm, double lai, double burnedHa) {
    const std::array<double, 4> x = features(kbdiMm, lai);
    const double y = std::log1p(std::max(0.0, burnedHa));
    for (int k = 0; k < 4; ++k) {
        m_xy[k] += x[k] * y;
        for (int l = 0; l < 4; ++l) {
            m_xx[k][l] += x[k] * x[l];
        }
    }
    m_samples += 1.0;
    m_sumY += y;
}

void DroughtAreaRegression::fit() {
    if (m_samples <= 0.0) {
        throw WildfireError("the baseline's training years hold no sample on burnable land: the "
                            "burned-area regression has nothing to fit");
    }
    Matrix4 a = m_xx;
    std::array<double, 4> b = m_xy;
    if (!solve(a, b)) {
        // A feature without variation: the training mean, the only honest fit left.
        b = {m_sumY / m_samples, 0.0, 0.0, 0.0};
    }
    m_beta = b;
}

double DroughtAreaRegression::logArea(double kbdiMm, double lai) const {
    const std::array<double, 4> x = features(kbdiMm, lai);
    double y = 0.0;
    for (int k = 0; k < 4; ++k) {
        y += m_beta[k] * x[k];
    }
    return std::max(0.0, y);
}

double DroughtAreaRegression::hectares(double kbdiMm, double lai) const {
    return std::expm1(logArea(kbdiMm, lai));
}

} // namespace wildfire
