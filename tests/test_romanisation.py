"""The 2010 national romanisation, checked against the examples of the resolution's official table."""

from __future__ import annotations

import pytest

from mtqa.romanisation import romanise_uk

OFFICIAL_TABLE = {
    "Алушта": "Alushta", "Андрій": "Andrii", "Борщагівка": "Borshchahivka", "Борисенко": "Borysenko",
    "Вінниця": "Vinnytsia", "Володимир": "Volodymyr", "Гадяч": "Hadiach", "Богдан": "Bohdan",
    "Згурський": "Zghurskyi", "Ґалаґан": "Galagan", "Ґорґани": "Gorgany", "Донецьк": "Donetsk",
    "Дмитро": "Dmytro", "Рівне": "Rivne", "Олег": "Oleh", "Есмань": "Esman", "Єнакієве": "Yenakiieve",
    "Гаєвич": "Haievych", "Короп'є": "Koropie", "Житомир": "Zhytomyr", "Жанна": "Zhanna",
    "Жежелів": "Zhezheliv", "Закарпаття": "Zakarpattia", "Казимирчук": "Kazymyrchuk", "Медвин": "Medvyn",
    "Михайленко": "Mykhailenko", "Іванків": "Ivankiv", "Іващенко": "Ivashchenko", "Їжакевич": "Yizhakevych",
    "Кадиївка": "Kadyivka", "Мар'їне": "Marine", "Йосипівка": "Yosypivka", "Стрий": "Stryi",
    "Олексій": "Oleksii", "Київ": "Kyiv", "Коваленко": "Kovalenko", "Лебедин": "Lebedyn", "Леонід": "Leonid",
    "Миколаїв": "Mykolaiv", "Маринич": "Marynych", "Ніжин": "Nizhyn", "Наталія": "Nataliia", "Одеса": "Odesa",
    "Онищенко": "Onyshchenko", "Полтава": "Poltava", "Петро": "Petro", "Решетилівка": "Reshetylivka",
    "Рибчинський": "Rybchynskyi", "Суми": "Sumy", "Соломія": "Solomiia", "Тернопіль": "Ternopil",
    "Троць": "Trots", "Ужгород": "Uzhhorod", "Уляна": "Uliana", "Фастів": "Fastiv", "Філіпчук": "Filipchuk",
    "Харків": "Kharkiv", "Христина": "Khrystyna", "Біла Церква": "Bila Tserkva", "Стеценко": "Stetsenko",
    "Чернівці": "Chernivtsi", "Шевченко": "Shevchenko", "Шостка": "Shostka", "Кишеньки": "Kyshenky",
    "Щербухи": "Shcherbukhy", "Гоща": "Hoshcha", "Гаращенко": "Harashchenko", "Юрій": "Yurii",
    "Корюківка": "Koriukivka", "Яготин": "Yahotyn", "Ярошенко": "Yaroshenko", "Костянтин": "Kostiantyn",
    "Знам'янка": "Znamianka", "Феодосія": "Feodosiia",
}  # fmt: skip


@pytest.mark.parametrize(("ukrainian", "english"), OFFICIAL_TABLE.items())
def test_official_table(ukrainian: str, english: str) -> None:
    assert romanise_uk(ukrainian) == english


def test_seed_places_and_apostrophe_variants() -> None:
    assert romanise_uk("Купʼянськ") == "Kupiansk"
    assert romanise_uk("Куп’янськ") == "Kupiansk"
    assert romanise_uk("Ізюм") == "Izium"
    assert romanise_uk("Балаклія") == "Balakliia"
    assert romanise_uk("Запоріжжя") == "Zaporizhzhia"


def test_case_and_non_cyrillic_pass_through() -> None:
    assert romanise_uk("ЖИТОМИР") == "ZHYTOMYR"
    assert romanise_uk("Нова Каховка, 2022") == "Nova Kakhovka, 2022"
    assert romanise_uk("село 'Яблунівка'") == "selo 'Yablunivka'"
