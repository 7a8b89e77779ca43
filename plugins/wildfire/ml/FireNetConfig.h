#pragma once

#include <cstddef>
#include <string>
#include <vector>

// Torch-free: what a train run wrote beside its weights (fire_net.json), read back for infer.
namespace wildfire {

struct FireNetConfig {
    std::string directory; // the train run's outputs/
    std::string weights;   // directory/fire_net.pt
    int depth = 2;
    int baseFilters = 16;
    double dropout = 0.0; // 0 for models trained before dropout existed
    int leadSteps = 1;
    std::vector<std::string> drivers;
    std::vector<double> means;
    std::vector<double> stds;
    std::size_t gridRows = 0; // 0 when the model predates the recorded grid
    std::size_t gridColumns = 0;
    int trainFirstYear = 0; // 0 when not recorded
    int trainLastYear = 0;
    int validationLastYear = 0;
    // The regression head on log burned area (UnetPlusPlus.h): false for models trained before
    // it or with regression_weight 0 (fire_net.json has no "regression_head"); its output times
    // logAreaScale is log1p(burned area in ha).
    bool regressionHead = false;
    double logAreaScale = 1.0;
};

// True when `directory` holds a trained network (fire_net.pt and fire_net.json).
bool isFireNetDirectory(const std::string& directory);

// Reads directory/fire_net.json. Throws WildfireError naming the file and the field that is
// missing or inconsistent (drivers, means and stds of different lengths, a non-positive std).
FireNetConfig readFireNetConfig(const std::string& directory);

} // namespace wildfire
