#pragma once

#include <vtkInteractorStyleImage.h>

namespace twins::viz {

// 2-D navigation for maps and images: left drag pans (vtkInteractorStyleImage would change the
// window/level), wheel zooms, right drag zooms, 'r' resets; no 3-D rotation.
class MapInteractorStyle : public vtkInteractorStyleImage {
public:
    static MapInteractorStyle* New();
    vtkTypeMacro(MapInteractorStyle, vtkInteractorStyleImage);

    void OnLeftButtonDown() override;
    void OnLeftButtonUp() override;
    // Only 'r' (reset) is kept from VTK's key bindings; 'q'/'e' exit, '3' stereo, 'w'
    // wireframe and friends make no sense in a map and would surprise users.
    void OnChar() override;
};

} // namespace twins::viz
