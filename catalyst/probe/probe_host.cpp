// Measurement probe (issue 24): a process holding what the worker holds when a twin runs
// (QtCore 6, NetCDF-C over serial HDF5, a twin plugin with LibTorch and, through OpenCV, Qt 5)
// loads the probe adaptor by dlopen and co-processes four steps, writing and reading a
// netCDF-4 file before, between and after; it prints the times, MPI's state and which of the
// libraries in question share the process. Not part of the build: see measure.sh.
#include <QCoreApplication>
#include <QLibrary>

#include <netcdf.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <string>
#include <vector>

namespace {

const int nx = 256;
const int ny = 128;

// netCDF-4 (HDF5) round trip: returns the sum read back, or -1.
double roundTrip(const char* path, const std::vector<float>& values) {
    int nc = -1;
    int dims[2];
    int variable = -1;
    if (nc_create(path, NC_NETCDF4 | NC_CLOBBER, &nc) != NC_NOERR) {
        return -1;
    }
    nc_def_dim(nc, "y", ny, &dims[0]);
    nc_def_dim(nc, "x", nx, &dims[1]);
    nc_def_var(nc, "msl", NC_FLOAT, 2, dims, &variable);
    nc_def_var_deflate(nc, variable, 1, 1, 4);
    nc_enddef(nc);
    nc_put_var_float(nc, variable, values.data());
    if (nc_close(nc) != NC_NOERR || nc_open(path, NC_NOWRITE, &nc) != NC_NOERR) {
        return -1;
    }
    std::vector<float> back(values.size());
    nc_inq_varid(nc, "msl", &variable);
    nc_get_var_float(nc, variable, back.data());
    nc_close(nc);
    double sum = 0;
    for (const float value : back) {
        sum += value;
    }
    return sum;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    if (argc < 5) {
        std::fprintf(stderr, "usage: probe_host ADAPTOR.so SCRIPT.py PYTHONPATH PLUGIN.so\n");
        return 2;
    }
    std::vector<float> values(nx * ny);
    for (int i = 0; i < nx * ny; ++i) {
        values[i] = 1000.f + static_cast<float>(i % nx) * 0.1f;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto seconds = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    std::printf("netCDF-4 before: sum %.1f\n", roundTrip("before.nc", values));
    QLibrary plugin(argv[4]);
    std::printf("twin plugin (LibTorch, OpenCV, Qt 5) loaded: %s\n", plugin.load() ? "yes" : "no");

    double mark = seconds();
    void* adaptor = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!adaptor) {
        std::printf("dlopen failed: %s\n", dlerror());
        return 3;
    }
    std::printf("adaptor dlopen %.3f s\n", seconds() - mark);
    const auto initialize =
        reinterpret_cast<int (*)(const char*, const char*)>(dlsym(adaptor, "probe_initialize"));
    const auto coprocess =
        reinterpret_cast<int (*)(int, double, int, int, const float*, const char*)>(
            dlsym(adaptor, "probe_coprocess"));
    const auto finalize = reinterpret_cast<void (*)()>(dlsym(adaptor, "probe_finalize"));
    mark = seconds();
    const int initialized = initialize(argv[2], argv[3]);
    std::printf("initialize rc %d, %.3f s\n", initialized, seconds() - mark);
    if (initialized != 0) {
        return 4;
    }
    for (int step = 0; step < 4; ++step) {
        mark = seconds();
        const int done = coprocess(step, 6.0 * step, nx, ny, values.data(), "msl");
        std::printf("coprocess step %d rc %d, %.3f s\n", step, done, seconds() - mark);
        std::printf("netCDF-4 between: sum %.1f\n", roundTrip("between.nc", values));
    }
    if (void* mpi = dlopen("libmpi.so.40", RTLD_NOW | RTLD_NOLOAD)) {
        int flag = -1;
        reinterpret_cast<int (*)(int*)>(dlsym(mpi, "MPI_Initialized"))(&flag);
        std::printf("MPI_Initialized %d\n", flag);
    }
    std::vector<std::string> seen;
    if (FILE* maps = std::fopen("/proc/self/maps", "r")) {
        char line[4096];
        while (std::fgets(line, sizeof line, maps)) {
            for (const char* library :
                 {"libhdf5_serial.so", "libhdf5_openmpi.so", "libQt5Core", "libQt6Core",
                  "libtorch_cpu", "libopencv_core", "libvtkCommonCore-9.1",
                  "libvtkCommonCore-pv5.11", "libpython3.11", "libmpi.so"}) {
                if (std::string(line).find(library) != std::string::npos &&
                    std::find(seen.begin(), seen.end(), library) == seen.end()) {
                    seen.push_back(library);
                }
            }
        }
        std::fclose(maps);
    }
    std::printf("in the process:");
    for (const std::string& library : seen) {
        std::printf(" %s", library.c_str());
    }
    std::printf("\n");
    mark = seconds();
    finalize();
    std::printf("finalize %.3f s\n", seconds() - mark);
    std::printf("netCDF-4 after: sum %.1f\ntotal %.3f s\n", roundTrip("after.nc", values),
                seconds());
    return 0;
}
