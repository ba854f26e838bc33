"""What a dashboard form is bound to. Django's idiom `Form(request.POST or None)` leaves the
form unbound when a POST carries no field at all: it is then neither valid nor in error, and
the page came back having saved nothing and said nothing (found by the hostile-forms tests).
Bound on every POST, an empty one shows what is required."""


def data(request):
    return request.POST if request.method == "POST" else None


def files(request):
    return request.FILES if request.method == "POST" else None
