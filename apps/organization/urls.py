from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("", views.structure, name="structure"),
    path("people/", views.person_list, name="person_list"),
    path("people/export/", views.person_export, name="person_export"),
    path("people/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
    path("people/<int:pk>/sign-in-link/", views.person_send_sign_in_link, name="person_send_sign_in_link"),
    path("people/<int:pk>/unlock-sign-in/", views.person_unlock_sign_in, name="person_unlock_sign_in"),
    path("import/", views.person_import, name="person_import"),
    path("import/confirm/", views.person_import_confirm, name="person_import_confirm"),
    path("history/", views.history, name="history"),
    path("company/edit/", views.company_update, name="company_update"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("departments/<int:pk>/edit/", views.department_update, name="department_update"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/edit/", views.post_update, name="post_update"),
    path("sites/new/", views.site_create, name="site_create"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("sites/<int:pk>/edit/", views.site_update, name="site_update"),
    path("floors/new/", views.floor_create, name="floor_create"),
    path("floors/<int:pk>/edit/", views.floor_update, name="floor_update"),
    path("areas/new/", views.area_create, name="area_create"),
    path("areas/<int:pk>/edit/", views.area_update, name="area_update"),
]
