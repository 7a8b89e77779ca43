#include "MapInteractorStyle.h"

#include <vtkCallbackCommand.h>
#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>

namespace twins::viz {

vtkStandardNewMacro(MapInteractorStyle);

void MapInteractorStyle::OnLeftButtonDown() {
    const int* position = Interactor->GetEventPosition();
    FindPokedRenderer(position[0], position[1]);
    if (CurrentRenderer == nullptr) {
        return;
    }
    GrabFocus(EventCallbackCommand);
    StartPan();
}

void MapInteractorStyle::OnLeftButtonUp() {
    if (State == VTKIS_PAN) {
        EndPan();
        if (Interactor != nullptr) {
            ReleaseFocus();
        }
    }
}

void MapInteractorStyle::OnChar() {
    const char key = Interactor->GetKeyCode();
    if (key == 'r' || key == 'R') {
        vtkInteractorStyleImage::OnChar();
    }
}

} // namespace twins::viz
