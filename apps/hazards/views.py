from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from apps.core.selectors import timeline_for

from .selectors import hazard_list


@login_required
def hazard_detail(request, pk):
    hazard = get_object_or_404(hazard_list(user=request.user), pk=pk)
    return render(request, "hazards/hazard_detail.html", {"hazard": hazard, "timeline": timeline_for(hazard)})
