#!/usr/bin/env python3
"""Writes a recipient list of N people for the certificate benchmark, deterministic.

    make_recipients.py N list.csv [list.json]

The CSV is what an office exports (UTF-8 with BOM, Vietnamese headers); the JSON holds
the same rows for the Typst peer. Names, units and achievements are drawn in a fixed
order from lists of common Vietnamese words, with every tenth name a long one.
"""
import csv
import json
import sys

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Quách"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hoài", "Xuân", "Kim"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hương", "Khánh", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Ngọc", "Oanh", "Phúc", "Quang", "Quyên", "Sơn", "Thảo", "Thủy", "Trang", "Tuấn", "Yến"]
ROLE = ["Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng chuyên môn", "Nhân viên"]
UNIT = ["Trường Tiểu học Hữu Nghị", "Trường THCS Đồng Tiến", "Trường THPT chuyên Hoàng Văn Thụ",
        "Trường Mầm non Hoa Sen", "Trường Tiểu học và THCS Mường Chiềng", "Phòng Giáo dục và Đào tạo huyện Lạc Sơn"]
DEED = ["Đã có thành tích xuất sắc trong phong trào thi đua “Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập” năm học 2021 - 2022",
        "Đã có thành tích xuất sắc trong công tác giảng dạy năm học 2021 - 2022",
        "Đã hoàn thành xuất sắc nhiệm vụ năm học 2021 - 2022"]


def rows(n):
    for i in range(n):
        family, middle = FAMILY[i % len(FAMILY)], MIDDLE[(i // 3) % len(MIDDLE)]
        given = GIVEN[(i * 7) % len(GIVEN)]
        name = f"{family} {middle} {given}"
        if i % 10 == 9:
            name = f"Công Tằng Tôn Nữ {middle} {GIVEN[(i * 5) % len(GIVEN)]} Phương {given}"
        yield {
            "STT": str(i + 1),
            "Họ và tên": name,
            "Giới tính": "Nữ" if middle in ("Thị", "Ngọc", "Thu", "Kim") else "Nam",
            "Chức vụ": ROLE[i % len(ROLE)],
            "Đơn vị": UNIT[(i // 2) % len(UNIT)],
            "Thành tích": DEED[i % len(DEED)],
            "Số quyết định": f"{125 + i // 500}/QĐ-SGDĐT",
            "Ngày quyết định": "15/05/2022",
            "Số sổ vàng": f"{i + 1:05d}/SV",
        }


def main():
    n, out_csv = int(sys.argv[1]), sys.argv[2]
    data = list(rows(n))
    with open(out_csv, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0]))
        w.writeheader()
        w.writerows(data)
    if len(sys.argv) > 3:
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
