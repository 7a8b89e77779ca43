// Measurement probe (issue 24, README.md beside this folder): the smallest legacy Catalyst
// adaptor, ParaView 5.11's vtkCPProcessor with a V2 Python script pipeline over one image grid
// with one float point field. Not part of the build; measure.sh compiles it against the
// unpacked ParaView prefix. Its three findings are what the real adaptor must do too (marked).
#include <vtkCPDataDescription.h>
#include <vtkCPInputDataDescription.h>
#include <vtkCPProcessor.h>
#include <vtkCPPythonScriptV2Pipeline.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPythonInterpreter.h>

#include <cstdlib>
#include <dlfcn.h>
#include <string>

namespace {
vtkCPProcessor* processor = nullptr;
}

// pythonPath: the prefix's usr/lib/python3/dist-packages (ParaView's paraview/ and vtkmodules/).
extern "C" int probe_initialize(const char* script, const char* pythonPath) {
    // Finding 1: the adaptor is dlopen'ed RTLD_LOCAL, so libpython's symbols are not global and
    // every Python extension module fails ("undefined symbol: _Py_NoneStruct"). Promote
    // libpython alone to the global scope.
    if (!dlopen("libpython3.11.so.1.0", RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL)) {
        return 3;
    }
    processor = vtkCPProcessor::New();
    if (!processor->Initialize()) { // also MPI_Init (singleton) in Debian's MPI build
        return 1;
    }
    // Finding 2: vtkPythonInterpreter puts <libpython's prefix>/lib/python3/dist-packages
    // first in sys.path ("//lib/python3/dist-packages"), where python3-vtk9 (system VTK 9.1)
    // lives, and PYTHONPATH comes after it: importing paraview then loads VTK 9.1's vtkmodules
    // beside ParaView's VTK 9.2 and crashes (SIGSEGV in vtkWrappingPythonCore). ParaView's own
    // folder must come first, before anything imports vtkmodules.
    const std::string code = std::string("import sys\np = '") + pythonPath +
                             "'\nsys.path = [p] + [e for e in sys.path if e != p]\n";
    vtkPythonInterpreter::RunSimpleString(code.c_str());
    vtkNew<vtkCPPythonScriptV2Pipeline> pipeline;
    if (!pipeline->Initialize(script)) {
        return 2;
    }
    processor->AddPipeline(pipeline);
    return 0;
}

// Finding 3 (in measure.sh): image extracts need an X display (Debian's ParaView renders
// through GLX only: no EGL, no OSMesa), and under Xvfb one started with -noreset; data
// extracts need neither.
extern "C" int probe_coprocess(int step, double time, int nx, int ny, const float* values,
                               const char* name) {
    vtkNew<vtkCPDataDescription> description;
    description->AddInput("grid");
    description->SetTimeData(time, step);
    if (processor->RequestDataDescription(description) == 0) {
        return 0;
    }
    vtkNew<vtkImageData> image;
    image->SetDimensions(nx, ny, 1);
    vtkNew<vtkFloatArray> array;
    array->SetName(name);
    array->SetNumberOfTuples(vtkIdType(nx) * ny);
    for (vtkIdType i = 0; i < array->GetNumberOfTuples(); ++i) {
        array->SetValue(i, values[i]);
    }
    image->GetPointData()->AddArray(array);
    description->GetInputDescriptionByName("grid")->SetGrid(image);
    return processor->CoProcess(description) ? 1 : -1;
}

extern "C" void probe_finalize() {
    processor->Finalize();
    processor->Delete();
}
