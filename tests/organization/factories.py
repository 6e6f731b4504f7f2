import factory
from factory.django import DjangoModelFactory

from apps.organization.models import Area, CompanyProfile, Department, Floor, Post, Site, User


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"Department {n}")
    name_zh = factory.Sequence(lambda n: f"部门{n}")


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"post-{n}")
    name = factory.Sequence(lambda n: f"Post {n}")
    name_zh = factory.Sequence(lambda n: f"岗位{n}")


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    code = factory.Sequence(lambda n: f"site-{n}")
    name = factory.Sequence(lambda n: f"Site {n}")
    name_zh = factory.Sequence(lambda n: f"园区{n}")


class FloorFactory(DjangoModelFactory):
    class Meta:
        model = Floor

    site = factory.SubFactory(SiteFactory)
    building = "A"
    level = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"{o.level}F")
    name_zh = factory.LazyAttribute(lambda o: f"{o.level}楼")


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    floor = factory.SubFactory(FloorFactory)
    code = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Area {n}")
    name_zh = factory.Sequence(lambda n: f"区域{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"张{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    department = factory.SubFactory(DepartmentFactory)
    post = factory.SubFactory(PostFactory)
    role = User.Role.EMPLOYEE
    password = factory.django.Password("safety-first")


class CompanyProfileFactory(DjangoModelFactory):
    class Meta:
        model = CompanyProfile
        django_get_or_create = ("singleton",)

    singleton = True
    name = "Antai Customer Service Co."
    name_zh = "安泰客服有限公司"
    short_name = "Antai"
    short_name_zh = "安泰"
    address = "Antai Tower, 1888 Zhangjiang Road, Pudong, Shanghai"
    address_zh = "上海市浦东新区张江路 1888 号 安泰大厦"
    phone = "021-5888 1234"
