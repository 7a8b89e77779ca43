#include "SnapshotDatasets.h"

#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkRectilinearGrid.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace twins::insitu::catalyst {

namespace {

std::string text(const char* value) {
    return value != nullptr ? value : "";
}

// One VTK dimension (0 = x, fastest) of a grid: its snapshot axis or none (size 1).
struct Dimension {
    const twinbench_catalyst_axis* axis = nullptr;
    std::size_t size = 1;
    bool descending = false;
    bool uniform = true;
    double origin = 0.0;
    double spacing = 1.0;
};

Dimension dimensionOf(const twinbench_catalyst_axis* axis) {
    Dimension dimension;
    if (axis == nullptr) {
        return dimension;
    }
    dimension.axis = axis;
    dimension.size = axis->size;
    const double* values = axis->values;
    const std::size_t n = axis->size;
    dimension.origin = n > 0 ? values[0] : 0.0;
    if (n < 2) {
        return dimension;
    }
    dimension.descending = values[n - 1] < values[0];
    for (std::size_t i = 1; i < n; ++i) {
        if (dimension.descending ? values[i] >= values[i - 1] : values[i] <= values[i - 1]) {
            throw std::invalid_argument("axis '" + text(axis->name) + "' is not monotonic");
        }
    }
    const double step = (values[n - 1] - values[0]) / static_cast<double>(n - 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::abs(values[i] - (values[0] + step * static_cast<double>(i))) >
            1e-4 * std::abs(step)) {
            dimension.uniform = false;
        }
    }
    dimension.origin = std::min(values[0], values[n - 1]);
    dimension.spacing = std::abs(step);
    return dimension;
}

// The value of a flipped-to-ascending axis at VTK index i.
double axisValue(const Dimension& dimension, std::size_t i) {
    return dimension.axis->values[dimension.descending ? dimension.size - 1 - i : i];
}

vtkSmartPointer<vtkDoubleArray> coordinates(const Dimension& dimension) {
    auto array = vtkSmartPointer<vtkDoubleArray>::New();
    array->SetNumberOfTuples(static_cast<vtkIdType>(dimension.size));
    for (std::size_t i = 0; i < dimension.size; ++i) {
        array->SetValue(static_cast<vtkIdType>(i),
                        dimension.axis != nullptr ? axisValue(dimension, i) : 0.0);
    }
    return array;
}

// Copies a C-order field (slowest axis first) into VTK's x-fastest order, flipping descending
// axes so the grid runs ascending.
vtkSmartPointer<vtkFloatArray> pointArray(const twinbench_catalyst_field& field,
                                          const Dimension (&dimensions)[3]) {
    auto array = vtkSmartPointer<vtkFloatArray>::New();
    array->SetName(field.name);
    const std::size_t nx = dimensions[0].size;
    const std::size_t ny = dimensions[1].size;
    const std::size_t nz = dimensions[2].size;
    array->SetNumberOfTuples(static_cast<vtkIdType>(nx * ny * nz));
    float* out = array->GetPointer(0);
    const auto source = [](const Dimension& dimension, std::size_t i) {
        return dimension.descending ? dimension.size - 1 - i : i;
    };
    for (std::size_t z = 0; z < nz; ++z) {
        for (std::size_t y = 0; y < ny; ++y) {
            const std::size_t row = (source(dimensions[2], z) * ny + source(dimensions[1], y)) * nx;
            for (std::size_t x = 0; x < nx; ++x) {
                *out++ = field.values[row + source(dimensions[0], x)];
            }
        }
    }
    return array;
}

void addScalars(vtkDataObject* data, const twinbench_catalyst_snapshot& snapshot) {
    for (std::size_t index = 0; index < snapshot.scalar_count; ++index) {
        auto value = vtkSmartPointer<vtkDoubleArray>::New();
        value->SetName(snapshot.scalars[index].name);
        value->InsertNextValue(snapshot.scalars[index].value);
        data->GetFieldData()->AddArray(value);
    }
}

Channel gridChannel(const std::string& name, const std::vector<std::size_t>& axes,
                    const std::vector<const twinbench_catalyst_field*>& fields,
                    const twinbench_catalyst_snapshot& snapshot) {
    Dimension dimensions[3];
    for (std::size_t j = 0; j < axes.size(); ++j) {
        dimensions[j] = dimensionOf(&snapshot.axes[axes[axes.size() - 1 - j]]);
    }
    const bool uniform = std::all_of(std::begin(dimensions), std::end(dimensions),
                                     [](const Dimension& dimension) { return dimension.uniform; });
    int extent[6] = {0, static_cast<int>(dimensions[0].size) - 1,
                     0, static_cast<int>(dimensions[1].size) - 1,
                     0, static_cast<int>(dimensions[2].size) - 1};
    vtkSmartPointer<vtkDataSet> grid;
    if (uniform) {
        auto image = vtkSmartPointer<vtkImageData>::New();
        image->SetExtent(extent);
        image->SetOrigin(dimensions[0].origin, dimensions[1].origin, dimensions[2].origin);
        image->SetSpacing(dimensions[0].spacing, dimensions[1].spacing, dimensions[2].spacing);
        grid = image;
    } else {
        auto rectilinear = vtkSmartPointer<vtkRectilinearGrid>::New();
        rectilinear->SetExtent(extent);
        rectilinear->SetXCoordinates(coordinates(dimensions[0]));
        rectilinear->SetYCoordinates(coordinates(dimensions[1]));
        rectilinear->SetZCoordinates(coordinates(dimensions[2]));
        grid = rectilinear;
    }
    for (const twinbench_catalyst_field* field : fields) {
        grid->GetPointData()->AddArray(pointArray(*field, dimensions));
    }
    addScalars(grid, snapshot);
    Channel channel;
    channel.name = name;
    channel.data = grid;
    channel.structured = true;
    std::copy(std::begin(extent), std::end(extent), channel.wholeExtent);
    return channel;
}

bool sameAxis(const twinbench_catalyst_column& column, const twinbench_catalyst_axis& axis) {
    const std::string standard = text(column.standard_name);
    return (!standard.empty() && standard == text(axis.standard_name)) ||
           text(column.name) == text(axis.name);
}

// The point set's columns that give x, y, z: those matching the grid's axes, x the fastest.
Channel pointChannel(const twinbench_catalyst_point_set& set,
                     const std::vector<std::size_t>& gridAxes,
                     const twinbench_catalyst_snapshot& snapshot) {
    const twinbench_catalyst_column* placed[3] = {nullptr, nullptr, nullptr};
    for (std::size_t j = 0; j < gridAxes.size() && j < 3; ++j) {
        const twinbench_catalyst_axis& axis = snapshot.axes[gridAxes[gridAxes.size() - 1 - j]];
        for (std::size_t c = 0; c < set.column_count; ++c) {
            if (sameAxis(set.columns[c], axis)) {
                placed[j] = &set.columns[c];
                break;
            }
        }
    }
    auto points = vtkSmartPointer<vtkPoints>::New();
    points->SetDataTypeToDouble();
    points->SetNumberOfPoints(static_cast<vtkIdType>(set.size));
    auto vertices = vtkSmartPointer<vtkCellArray>::New();
    for (std::size_t p = 0; p < set.size; ++p) {
        double xyz[3] = {0.0, 0.0, 0.0};
        for (int j = 0; j < 3; ++j) {
            xyz[j] = placed[j] != nullptr ? placed[j]->values[p] : 0.0;
        }
        points->SetPoint(static_cast<vtkIdType>(p), xyz);
        const vtkIdType id = static_cast<vtkIdType>(p);
        vertices->InsertNextCell(1, &id);
    }
    auto polyData = vtkSmartPointer<vtkPolyData>::New();
    polyData->SetPoints(points);
    polyData->SetVerts(vertices);
    for (std::size_t c = 0; c < set.column_count; ++c) {
        auto array = vtkSmartPointer<vtkDoubleArray>::New();
        array->SetName(set.columns[c].name);
        array->SetNumberOfTuples(static_cast<vtkIdType>(set.size));
        std::copy(set.columns[c].values, set.columns[c].values + set.size, array->GetPointer(0));
        polyData->GetPointData()->AddArray(array);
    }
    addScalars(polyData, snapshot);
    Channel channel;
    channel.name = text(set.name);
    channel.data = polyData;
    return channel;
}

} // namespace

std::vector<Channel> snapshotChannels(const twinbench_catalyst_snapshot& snapshot) {
    // Fields grouped by their axes, in the order they first appear.
    std::vector<std::vector<std::size_t>> groups;
    std::map<std::vector<std::size_t>, std::vector<const twinbench_catalyst_field*>> members;
    for (std::size_t index = 0; index < snapshot.field_count; ++index) {
        const twinbench_catalyst_field& field = snapshot.fields[index];
        const std::string name = text(field.name);
        if (field.axis_count < 1 || field.axis_count > 3) {
            throw std::invalid_argument("field '" + name + "' has " +
                                        std::to_string(field.axis_count) +
                                        " axes; Catalyst takes 1 to 3");
        }
        std::vector<std::size_t> axes(field.axes, field.axes + field.axis_count);
        std::size_t points = 1;
        for (const std::size_t axis : axes) {
            if (axis >= snapshot.axis_count) {
                throw std::invalid_argument("field '" + name + "' names axis " +
                                            std::to_string(axis) + " of " +
                                            std::to_string(snapshot.axis_count));
            }
            points *= snapshot.axes[axis].size;
        }
        if (points != field.size) {
            throw std::invalid_argument("field '" + name + "' has " + std::to_string(field.size) +
                                        " values for " + std::to_string(points) + " grid points");
        }
        if (members.find(axes) == members.end()) {
            groups.push_back(axes);
        }
        members[axes].push_back(&field);
    }
    std::vector<Channel> channels;
    const std::string stream = text(snapshot.stream);
    for (const std::vector<std::size_t>& axes : groups) {
        std::string name = stream;
        if (groups.size() > 1) {
            for (const std::size_t axis : axes) {
                name += "_" + text(snapshot.axes[axis].name);
            }
        }
        channels.push_back(gridChannel(name, axes, members[axes], snapshot));
    }
    // Points are placed on the first grid's axes, or on the snapshot's when it has no field.
    std::vector<std::size_t> placement = groups.empty() ? std::vector<std::size_t>() : groups[0];
    if (groups.empty()) {
        for (std::size_t axis = 0; axis < snapshot.axis_count && axis < 3; ++axis) {
            placement.push_back(axis);
        }
    }
    for (std::size_t index = 0; index < snapshot.point_set_count; ++index) {
        channels.push_back(pointChannel(snapshot.point_sets[index], placement, snapshot));
    }
    return channels;
}

} // namespace twins::insitu::catalyst
