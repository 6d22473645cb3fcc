#!/usr/bin/env python3
"""Writes samples/phu-luc-1-200-truong.csv: 200 made-up school registrations for Phụ lục 1
(fixed seed, so the file is the same each time)."""
import csv
import random
import sys

random.seed(2021)
districts = ["thành phố Hòa Bình", "huyện Lương Sơn", "huyện Kim Bôi", "huyện Lạc Sơn", "huyện Mai Châu",
             "huyện Tân Lạc", "huyện Cao Phong", "huyện Đà Bắc", "huyện Lạc Thủy", "huyện Yên Thủy"]
levels = ["Trường Mầm non", "Trường Tiểu học", "Trường Tiểu học và Trung học cơ sở", "Trường Trung học cơ sở"]
names = ["Hoa Sen", "Hữu Nghị", "Thống Nhất", "Kim Đồng", "Lê Quý Đôn", "Chu Văn An", "Nguyễn Trãi", "Quang Trung",
         "Sông Đà", "Hòa Bình", "Võ Thị Sáu", "Đoàn Kết", "Tân Thịnh", "Phương Lâm", "Thái Bình", "Dân Chủ",
         "Ngọc Sơn", "Vĩnh Đồng", "Mường Khến", "Pà Cò"]
models = ["Trường học xanh – sạch – đẹp – an toàn", "Câu lạc bộ tiếng Anh cho học sinh dân tộc thiểu số",
          "Thư viện thân thiện", "Lớp học hạnh phúc", "Vườn rau dinh dưỡng của bé",
          "Ứng dụng công nghệ thông tin trong dạy học", "Giáo dục kỹ năng sống qua trò chơi dân gian",
          "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"]
people = ["Nguyễn Văn An", "Bùi Thị Lan", "Đinh Công Thành", "Quách Thị Hoa", "Xa Văn Mạnh", "Hà Thị Ngọc",
          "Trần Đức Thắng", "Lò Thị Thủy", "Phạm Minh Tuấn", "Đặng Thu Trang"]
rows = []
for i in range(200):
    rows.append({
        "ten_dang_ky": f"{random.choice(levels)} {random.choice(names)}, {random.choice(districts)}",
        "ten_mo_hinh": f"Mô hình “{random.choice(models)}”",
        "thuc_trang": "Nhà trường có " + str(random.randint(8, 40)) + " lớp với " + str(random.randint(200, 1200)) +
                      " học sinh; cơ sở vật chất cơ bản đáp ứng yêu cầu, song hoạt động trải nghiệm còn ít, chưa phát huy"
                      " được vai trò của cha mẹ học sinh.",
        "noi_dung": "Xây dựng kế hoạch triển khai theo từng học kỳ; phân công giáo viên phụ trách; tổ chức sinh hoạt"
                    " chuyên môn theo nghiên cứu bài học; phối hợp với chính quyền địa phương và cha mẹ học sinh.",
        "hieu_qua": "Nâng cao chất lượng giáo dục toàn diện; tỷ lệ học sinh chuyên cần tăng; môi trường học tập thân thiện.",
        "thoi_gian": "Từ năm học 2021 - 2022 đến năm học 2024 - 2025.",
        "dia_danh_ngay": f"Hòa Bình, ngày {random.randint(10, 22):02d} tháng 4 năm 2021",
        "nguoi_ky": random.choice(people),
    })
w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()), lineterminator="\n")
w.writeheader()
w.writerows(rows)
