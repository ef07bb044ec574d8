"""Write the bundled sample data: a small catalogue and a few hundred dossiers.

Run from the repository root: ``python scripts/make_samples.py``. Deterministic (seeded);
it writes ``src/procedurekit/samples/{procedures,channels,components,dossiers}.csv``.

The catalogue holds 30 real national procedures: their public code, name, field, level,
implementing agency, subjects, result, per-channel processing time, first legal basis and
up to two dossier components, as published on the National Public Service Portal
(dichvucong.gov.vn, snapshot of mid-2026, two-tier local government); short facts only,
restated in this project's own CSV format. Where the portal says "Không có thông tin" for
the implementing agency, the sample names the People's Committee of the procedure's level
(an assumption, marked as such here), except for one procedure left empty on purpose.

Deliberate mistakes, so that ``procedurekit validate`` and ``audit`` have something to
find (see ``procedurekit.samples``):

- catalogue: one channel's time is a bare number ("1", as the portal shows for some
  channels); one procedure has no legal basis (true to the source); one has no
  implementing agency; one committed (locally cut) time is longer than the prescribed one;
- dossiers: appointments one or two working days too late or one day too early, missing
  appointments, a district-level receipt after 2025-07-01 (and one before, which is valid
  history), dossiers of an unknown procedure code.
"""

# ruff: noqa: E501  (FACTS holds published names and components verbatim, one per line)
from __future__ import annotations

import csv
import json
import random
import re
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Final

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from procedurekit.calendar import WorkingCalendar  # noqa: E402
from procedurekit.calendar.cache import CalendarCache  # noqa: E402
from procedurekit.deadlines import DeadlineRules  # noqa: E402
from procedurekit.phrases import parse_duration  # noqa: E402

OUT: Final = ROOT / "src" / "procedurekit" / "samples"
SEED: Final = 20261126
N_DOSSIERS: Final = 320

#: (code, name, field, level, implementing agency, subjects, result,
#:  ((channel, time), ...), legal basis, (component, ...))
FACTS: Final = (
    (
        "1.014056",
        "Khai thác thông tin công dân trong Cơ sở dữ liệu căn cước",
        "Cấp, quản lý căn cước",
        "Cấp xã",
        "Công an cấp Xã",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam, Doanh nghiệp",
        "Phiếu cung cấp thông tin trong cơ sở dữ liệu quốc gia về dân cư, cơ sở dữ liệu căn cước …",
        (
            ("Trực tuyến", "3 Ngày làm việc"),
            ("Dịch vụ bưu chính", "3 Ngày làm việc"),
            ("Trực tiếp", "3 Ngày làm việc"),
        ),
        "17/2024/TT-BCA",
        (
            "Xuất trình giấy tờ, tài liệu, thông tin hợp lệ chứng minh thông tin người đến nộp hồ sơ.",
            "Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số …",
        ),
    ),
    (
        "1.014860",
        "Cấp giấy phép cho các hoạt động trồng cây lâu năm trong phạm vi bảo vệ công trình thủy lợi do Chủ tịch UBND cấp tỉnh phân cấp cho Chủ tịch UBND cấp xã",
        "Thủy lợi",
        "Cấp xã",
        "",
        "Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
        (
            ("Trực tuyến", "4 Ngày làm việc"),
            ("Dịch vụ bưu chính", "4 Ngày làm việc"),
            ("Trực tiếp", "4 Ngày làm việc"),
        ),
        "08/2017/QH14",
        (
            "Đơn đề nghị cấp giấy phép theo mẫu đơn (quy định tại Phụ lục III ban hành kèm theo Nghị định số …",
            "Sơ họa vị trí khu vực tiến hành các hoạt động đề nghị cấp phép.",
        ),
    ),
    (
        "2.001214",
        "Đăng ký lại phương tiện hoạt động vui chơi, giải trí dưới nước",
        "Hàng hải và đường thủy nội địa",
        "Cấp xã",
        "",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Người Việt Nam định cư ở nước ngoài",
        "Giấy chứng nhận đăng ký phương tiện",
        (
            ("Trực tuyến", "3 Ngày làm việc"),
            ("Dịch vụ bưu chính", "3 Ngày làm việc"),
            ("Trực tiếp", "3 Ngày làm việc"),
        ),
        "140/2025/NĐ-CP",
        (
            "Đơn đề nghị chuyển, nơi đăng ký nêu rõ nơi đăng ký mới và nộp lại Giấy chứng nhận đăng ký phương …",
            "Xuất trình giấy tờ chứng minh quyền sở hữu phương tiện theo quy định: Hợp đồng mua bán hoặc hợp …",
        ),
    ),
    (
        "1.003596",
        "Phê duyệt kế hoạch khuyến nông địa phương (cấp xã)",
        "Nông nghiệp",
        "Cấp xã",
        "",
        "Công dân Việt Nam, Người nước ngoài, Tổ chức nước ngoài",
        "Quyết định phê duyệt kế hoạch khuyến nông",
        (("Trực tiếp", "60 Ngày"),),
        "83/2018/NĐ-CP",
        ("Đề xuất kế hoạch khuyến nông; - Dự toán kinh phí",),
    ),
    (
        "1.009070",
        "Thủ tục đối với tiền mặt của doanh nghiệp kinh doanh hàng miễn thuế đưa vào, đưa ra khu cách ly, khu vực hạn chế",
        "Hải quan",
        "Cấp xã",
        "Chi cục Hải quan khu vực",
        "Doanh nghiệp",
        "Xác nhận của cơ quan hải quan trên hệ thống xử lý dữ liệu điện tử đối với tiền mặt đưa …",
        (("Trực tuyến", "1 Giờ"),),
        "",
        (
            "Bảng kê lượng tiền mang vào/ra khu cách ly, khu hạn chế theo Mẫu số 05/BKTMVR quy định tại Phụ …",
        ),
    ),
    (
        "1.001662",
        "Đăng ký khai thác nước dưới đất",
        "Tài nguyên nước",
        "Cấp xã",
        "Chủ tịch UBND cấp xã",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam",
        "Kết quả của thủ tục Đăng ký khai thác nước dưới đất theo Mẫu 34a và Mẫu 34b tại Phụ lục …",
        (
            ("Trực tuyến", "7 Ngày làm việc"),
            ("Dịch vụ bưu chính", "7 Ngày làm việc"),
            ("Trực tiếp", "7 Ngày làm việc"),
        ),
        "131/2025/NĐ-CP",
        (
            "Tờ khai đăng ký công trình khai thác nước dưới đất (đối với trường hợp khai thác cho các mục …",
            "Tờ khai đăng ký công trình khai thác nước dưới đất (đối với trường hợp sử dụng nước dưới đất tự …",
        ),
    ),
    (
        "1.014862",
        "Cấp giấy phép nuôi trồng thủy sản trong phạm vi bảo vệ công trình thủy lợi do Chủ tịch UBND cấp tỉnh phân cấp cho Chủ tịch UBND cấp xã",
        "Thủy lợi",
        "Cấp xã",
        "",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam",
        "Giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
        (
            ("Trực tuyến", "6 Ngày làm việc"),
            ("Dịch vụ bưu chính", "6 Ngày làm việc"),
            ("Trực tiếp", "6 Ngày làm việc"),
        ),
        "08/2017/QH14",
        (
            "Đơn đề nghị cấp giấy phép theo mẫu đơn (quy định tại Phụ lục III ban hành kèm theo Nghị định số …",
            "Sơ họa vị trí khu vực tiến hành các hoạt động đề nghị cấp phép;",
        ),
    ),
    (
        "1.012818",
        "Thu hồi Giấy chứng nhận đã cấp lần đầu không đúng quy định của pháp luật đất đai do người sử dụng đất, chủ sở hữu tài sản gắn liền với đất phát hiện và cấp lại Giấy chứng nhận sau khi thu hồi",
        "Đất đai",
        "Cấp xã",
        "Chủ tịch Ủy ban nhân dân xã, Chi nhánh Văn phòng đăng ký đất đai",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam",
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất.",
        (
            ("Trực tuyến", "25 Ngày làm việc"),
            ("Dịch vụ bưu chính", "25 Ngày làm việc"),
            ("Trực tiếp", "35 Ngày làm việc"),
        ),
        "31/2024/QH15",
        (
            "(2) Giấy chứng nhận đã cấp (bản gốc).",
            "(1) Văn bản kiến nghị việc cấp Giấy chứng nhận không đúng quy định của pháp luật đất đai (bản chính)",
        ),
    ),
    (
        "3.000274",
        "Hỗ trợ phát triển sản xuất cộng đồng.",
        "Nông nghiệp",
        "Cấp xã",
        "",
        "Công dân Việt Nam",
        "- Trường hợp đối tượng đủ điều kiện hỗ trợ: Quyết định phê duyệt Dự án Hỗ trợ phát …",
        (
            ("Trực tiếp", "20 Ngày làm việc"),
            ("Trực tuyến", "20 Ngày làm việc"),
            ("Dịch vụ bưu chính", "20 Ngày làm việc"),
        ),
        "24/2024/QĐ-UBND",
        (
            "Đơn đề nghị hỗ trợ phát triển sản xuất cộng đồng theo Mẫu số 01. - Biên bản họp cộng đồng theo …",
        ),
    ),
    (
        "2.001621",
        "Hỗ trợ đầu tư xây dựng phát triển thủy lợi nhỏ, thuỷ lợi nội đồng và tưới tiên tiến, tiết kiệm nước (Đối với nguồn vốn hỗ trợ trực tiếp, ngân sách địa phương và nguồn vốn hợp pháp khác của địa phương phân bổ dự toán cho UBND cấp xã thực hiện)",
        "Thủy lợi",
        "Cấp xã",
        "",
        "Hợp tác xã, Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Ủy nhiệm chi",
        (
            ("Trực tuyến", "7 Ngày làm việc"),
            ("Dịch vụ bưu chính", "7 Ngày làm việc"),
            ("Trực tiếp", "7 Ngày làm việc"),
        ),
        "77/2018/NĐ-CP",
        ("Đơn đề nghị hỗ trợ;MẪU ĐƠN ĐỀ NGHỊ HỖ", "Hồ sơ được phê duyệt;"),
    ),
    (
        "1.012902",
        "Cấp lại giấy phép hoạt động của Sàn giao dịch bất động sản (trong trường hợp thay đổi thông tin của sàn)",
        "Kinh doanh bất động sản",
        "Cấp tỉnh",
        "Sở Xây dựng",
        "Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Giấy phép cấp lại hoạt động của Sàn giao dịch bất động sản.",
        (
            ("Trực tuyến", "5 Ngày làm việc"),
            ("Dịch vụ bưu chính", "5 Ngày làm việc"),
            ("Trực tiếp", "5 Ngày làm việc"),
        ),
        "144/2025/NĐ-CP",
        (
            "Đơn đề nghị cấp lại giấy phép hoạt động của sàn giao dịch bất động sản theo mẫu tại phụ lục XIX …",
            "Giấy phép hoạt động",
        ),
    ),
    (
        "1.008628",
        "Cấp lại Chứng chỉ hành nghề luật sư trong trường hợp bị mất, bị rách, bị cháy hoặc vì lý do khác không cố ý",
        "Luật sư",
        "Cấp tỉnh",
        "Chủ tịch ủy ban nhân dân cấp tỉnh",
        "Công dân Việt Nam",
        "Chứng chỉ hành nghề luật sư",
        (
            ("Trực tuyến", "15 Ngày làm việc"),
            ("Dịch vụ bưu chính", "15 Ngày làm việc"),
            ("Trực tiếp", "15 Ngày làm việc"),
        ),
        "121/2025/NĐ-CP",
        (
            "VB đề nghị cấp lại Chứng chỉ hành nghề luật sưMẫu số",
            "Bản sao Bằng cử nhân luật hoặc bản sao Bằng thạc sỹ luật trừ những người là giáo sư, phó giáo sư …",
        ),
    ),
    (
        "1.000942",
        "Trả lại giấy phép nhận chìm (cấp tỉnh)",
        "Biển và hải đảo",
        "Cấp tỉnh",
        "Ủy ban nhân dân cấp tỉnh",
        "Doanh nghiệp có vốn đầu tư nước ngoài, Doanh nghiệp, Hợp tác xã",
        "Quyết định về việc cho phép trả lại Giấy phép nhận chìm ở biển",
        (("Trực tiếp", "35 Ngày làm việc"),),
        "40/2016/NĐ-CP",
        (
            "Đơn đề nghị trả lại Giấy phép nhận chìm ở biển được lập theo Mẫu số 07 quy định tại Phụ lục của …",
            "Giấy phép nhận chìm ở biển đã được cấp;,",
        ),
    ),
    (
        "1.002032",
        "Thay đổi nội dung đăng ký hoạt động của tổ chức hành nghề luật sư",
        "Luật sư",
        "Cấp tỉnh",
        "Sở Tư pháp",
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Giấy đăng ký hoạt động cho Văn phòng luật sư/Công ty TNHH 1 thành viên",
        (
            ("Trực tuyến", "10 Ngày làm việc"),
            ("Dịch vụ bưu chính", "10 Ngày làm việc"),
            ("Trực tiếp", "10 Ngày làm việc"),
        ),
        "64/2025/TT-BTC",
        (
            "Giấy đề nghị thay đổi nội dung đăng ký hoạt động của tổ chức hành nghề luật sư.6. TP-LS-06. De …",
        ),
    ),
    (
        "1.009284",
        "Đăng ký làm hòa giải viên thương mại vụ việc",
        "Hòa giải thương mại",
        "Cấp tỉnh",
        "",
        "Công dân Việt Nam",
        "Ghi tên vào danh sách hòa giải viên thương mại vụ việc và công bố danh sách hòa giải …",
        (
            ("Trực tuyến", "7 Ngày làm việc"),
            ("Dịch vụ bưu chính", "7 Ngày làm việc"),
            ("Trực tiếp", "7 Ngày làm việc"),
        ),
        "11/2025/TT-BTP",
        (
            "Bản sao kèm bản chính để đối chiếu hoặc bản sao điện tử hoặc bản sao điện tử từ sổ gốc hoặc bản …",
            "Giấy đề nghị đăng ký làm hòa giải viên thương mại vụ việc theo mẫu do Bộ Tư pháp ban hànhMẫu",
        ),
    ),
    (
        "1.007660",
        "Thủ tục thông báo danh mục hàng hóa miễn thuế dự kiến",
        "Hải quan",
        "Cấp tỉnh",
        "Cục Hải quan tỉnh, thành phố",
        "Doanh nghiệp có vốn đầu tư nước ngoài, Công dân Việt Nam, Doanh nghiệp",
        "Cấp mã số quản lý, nhập thông tin kết quả xử lý vào hệ thống, phản hồi cho doanh nghiệp",
        (
            ("Trực tuyến", "3 Ngày làm việc"),
            ("Dịch vụ bưu chính", "3 Ngày làm việc"),
            ("Trực tiếp", "3 Ngày làm việc"),
        ),
        "134/2016/NĐ-CP",
        (
            "Văn bản xác nhận chủng loại, định lượng hàng hóa miễn thuế xuất khẩu, thuế nhập khẩu quy định …",
            "Công văn thông báo Danh mục miễn thuế theo Mẫu số 05 Phụ lục VII ban hành kèm theo Nghị định số …",
        ),
    ),
    (
        "2.002624",
        "Chấp thuận đề xuất thực hiện nạo vét đường thủy nội địa địa phương",
        "Hàng hải và đường thủy nội địa",
        "Cấp tỉnh",
        "Ủy ban nhân dân cấp tỉnh",
        "Doanh nghiệp Việt Nam, Doanh nghiệp có vốn đầu tư nước ngoài",
        "Kết quả thực hiện TTHC: Văn bản chấp thuận.",
        (
            ("Trực tuyến", "5 Ngày làm việc"),
            ("Dịch vụ bưu chính", "5 Ngày làm việc"),
            ("Trực tiếp", "5 Ngày làm việc"),
        ),
        "24/2026/NQ-CP",
        ("Văn bản đề xuất thực hiện nạo vét đường thủy nội địa địa phương.Nạo vét địa",),
    ),
    (
        "1.008891",
        "Thủ tục cấp chứng chỉ hành nghề kiến trúc",
        "Kiến trúc",
        "Cấp tỉnh",
        "Người đứng đầu cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh",
        "Công dân Việt Nam, Người nước ngoài",
        "Chứng chỉ HNKT",
        (
            ("Trực tuyến", "6 Ngày làm việc"),
            ("Dịch vụ bưu chính", "6 Ngày làm việc"),
            ("Trực tiếp", "6 Ngày làm việc"),
        ),
        "14/2026/NĐ-CP",
        (
            "02 ảnh màu nền trắng cỡ 4 x 6 cm được chụp không quá 06 tháng;",
            "Kết quả sát hạch đạt yêu cầu còn hiệu lực;",
        ),
    ),
    (
        "3.000255",
        "Thủ tục xác định xe ô tô không tham gia giao thông, không sử dụng đường dành cho giao thông công cộng",
        "Thuế",
        "Cấp tỉnh",
        "Các đơn vị đăng kiểm",
        "Doanh nghiệp",
        "Giấy chứng nhận kiểm định (không cấp Tem kiểm định) theo quy định về kiểm định an toàn …",
        (
            ("Trực tuyến", "10 Ngày làm việc"),
            ("Dịch vụ bưu chính", "10 Ngày làm việc"),
            ("Trực tiếp", "10 Ngày làm việc"),
        ),
        "97/2015/QH13",
        (
            "Số lượng hồ sơ: 01 bộ đối với trực tuyến (03 bộ đối với trường hợp nộp hồ sơ giấy)",
            "Đơn xin xác nhận xe ô tô không tham gia giao thông, không sử dụng đường dành cho giao thông công …",
        ),
    ),
    (
        "3.000333",
        "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam, người Việt Nam đang cư trú ở nước ngoài",
        "Lý lịch tư pháp",
        "Cấp tỉnh",
        "Công an tỉnh",
        "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài",
        "Phiếu Lý lịch tư pháp số 2 (Cấp tỉnh)",
        (("Trực tuyến", "10 Ngày"), ("Dịch vụ bưu chính", "10 Ngày"), ("Trực tiếp", "10 Ngày")),
        "28/2009/QH12",
        (
            "Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp (Dùng cho cá nhân trong trường hợp ủy quyền yêu cầu …",
            "Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp điện tử tương tác (Dùng cho cá nhân trong trường hợp …",
        ),
    ),
    (
        "1.004819",
        "Đăng ký mã số cơ sở nuôi, trồng các loài động vật, thực vật thuộc Phụ lục CITES",
        "Kiểm lâm",
        "Cấp tỉnh",
        "Chi cục Kiểm lâm, Chi Cục Thủy Sản",
        "Công dân Việt Nam, Người nước ngoài, Tổ chức nước ngoài, Hợp tác xã",
        "Mã số cơ sở nuôi, cơ sở trồng theo Mẫu số 32 Phụ lục II ban hành kèm theo Thông tư số …",
        (
            ("Trực tuyến", "3 Ngày làm việc"),
            ("Dịch vụ bưu chính", "16 Ngày làm việc"),
            ("Trực tiếp", "15 Ngày làm việc"),
        ),
        "27/2025/TT-BNNMT",
        (
            "Bản chính Đề nghị cấp mã số cơ sở nuôi, cơ sở trồng theo Mẫu số 30 Phụ lục II ban hành kèm theo …",
            "Bản chính Phương án nuôi theo Mẫu số 22, Phương án trồng theo Mẫu số 31 Phụ lục II ban hành kèm …",
        ),
    ),
    (
        "1.012697",
        "Thủ tục chấp thuận thu hẹp địa bàn hoạt động của quỹ tín dụng nhân dân",
        "Thành lập và hoạt động ngân hàng",
        "Cấp tỉnh",
        "Ngân hàng Nhà nước Khu vực",
        "Hợp tác xã, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Văn bản chấp thuận thu hẹp địa bàn hoạt động",
        (("Dịch vụ bưu chính", "14 Ngày"), ("Trực tiếp", "14 Ngày")),
        "32/2024/QH15",
        (
            "*Văn bản của cơ quan Nhà nước có thẩm quyền về việc chia, tách, thay đổi tên địa giới hành chính …",
            "*Nghị quyết của Đại hội thành viên đối với trường hợp tự nguyện thu hẹp địa bàn hoạt động;",
        ),
    ),
    (
        "1.000129",
        "Thủ tục đăng ký khoản cho vay ra nước ngoài của tổ chức tín dụng, chi nhánh ngân hàng nước ngoài",
        "Hoạt động ngoại hối",
        "Cấp bộ",
        "Ngân hàng Nhà nước Việt Nam",
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Công văn xác nhận đăng ký  khoản cho vay ra nước ngoài",
        (
            ("Trực tuyến", "15 Ngày làm việc"),
            ("Dịch vụ bưu chính", "15 Ngày làm việc"),
            ("Trực tiếp", "15 Ngày làm việc"),
        ),
        "79/2025/TT-NHNN",
        (
            "Báo cáo việc đáp ứng các quy định của pháp luật về hoạt động cho vay của tổ chức tín dụng, chi …",
            "Văn bản ủy quyền (nếu có) của các thành viên hợp vốn cho một bên cho vay thực hiện thủ tục đăng …",
        ),
    ),
    (
        "1.004162",
        "Công bố đưa luồng hàng hải vào sử dụng đối với trường hợp luồng hàng hải công bố sau thời điểm công bố mở cảng biển hoặc luồng hàng hải được đầu tư mới, công bố lại do điều chỉnh, mở rộng, nâng cấp",
        "Hàng hải và đường thủy nội địa",
        "Cấp bộ",
        "Cục Hàng hải và Đường thủy Việt Nam",
        "Tổ chức nước ngoài, Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp",
        "- Công bố đưa tuyến luồng vào sử dụng.",
        (
            ("Trực tuyến", "3 Ngày làm việc"),
            ("Dịch vụ bưu chính", "3 Ngày làm việc"),
            ("Trực tiếp", "3 Ngày làm việc"),
        ),
        "95/2015/QH13",
        (
            "Văn bản đề nghị công bố đưa luồng hàng hải vào sử dụng theo mẫu;mẫu tờ khai công bố",
            "Bản sao kèm bản chính để đối chiếu hoặc bản sao điện tử hoặc bản sao điện tử từ sổ gốc hoặc bản …",
        ),
    ),
    (
        "2.001745",
        "Sửa đổi, bổ sung Quyết định giao khu vực biển",
        "Biển và hải đảo",
        "Cấp bộ",
        "Cục Biển và Hải đảo Việt Nam - Bộ NN và MT",
        "Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Văn bản thông báo từ chối/không đủ điều kiện",
        (
            ("Trực tuyến", "29 Ngày làm việc"),
            ("Dịch vụ bưu chính", "29 Ngày làm việc"),
            ("Trực tiếp", "29 Ngày làm việc"),
        ),
        "65/2025/NĐ-CP",
        (
            "Đơn đề nghị sửa đổi, bổ sung Quyết định giao khu vực biển",
            "Phương án hoặc dự án nuôi trồng thuỷ sản trên biển theo Mẫu số 16 hoặc Mẫu số 17 quy định tại …",
        ),
    ),
    (
        "3.000402",
        "Chấp thuận doanh nghiệp kinh doanh dịch vụ lữ hành quốc tế của Việt Nam được tổ chức cho người nước ngoài đưa xe cơ giới nước ngoài vào Việt Nam du lịch",
        "Bảo đảm trật tự, an toàn giao thông đường bộ",
        "Cấp bộ",
        "Cục cảnh sát giao thông",
        "Doanh nghiệp",
        "Văn bản chấp thuận hoặc văn bản không chấp thuận được tổ chức cho khách du lịch nước …",
        (
            ("Trực tuyến", "5 Ngày làm việc"),
            ("Dịch vụ bưu chính", "5 Ngày làm việc"),
            ("Trực tiếp", "5 Ngày làm việc"),
        ),
        "151/2024/NĐ-CP",
        (
            "Văn bản đề nghị chấp thuận kèm theo danh sách người điều khiển và thông tin về xe cơ giới.",
            "Bản sao giấy phép kinh doanh dịch vụ lữ hành quốc tế đối với doanh nghiệp lần đầu xin chấp thuận …",
        ),
    ),
    (
        "6.006595",
        "Thủ tục xử lý tài sản kết cấu hạ tầng công viên, cây xanh do Nhà nước đầu tư, quản lý",
        "Hạ tầng kỹ thuật",
        "Cấp tỉnh, Cấp xã",
        "",
        "Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Quyết định xử lý tài sản kết cấu hạ tầng công viên, cây xanh do Nhà nước đầu tư, quản lý.",
        (("Trực tiếp", "45 Ngày"), ("Trực tuyến", "45 Ngày")),
        "258/2025/NĐ-CP",
        (
            "Văn bản đề nghị xử lý tài sản của đơn vị được giao quản lý tài sản",
            "Danh mục tài sản đề nghị xử lý theo Mẫu số 02 Phụ lục kèm theo Thông tư số 67/2025/TT-BXDMẫu số",
        ),
    ),
    (
        "1.011051",
        "Đề nghị chuyển số lượng tem còn tồn khi sáp nhập, chia, tách/chuyển cơ quan thuế quản lý tem điện tử thuốc lá hoặc tem điện tử rượu sản xuất để tiêu thụ trong nước",
        "Thuế",
        "Cấp tỉnh, Cấp xã",
        "Thuế tỉnh, thành phố, Thuế cơ sở",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Người Việt Nam định cư ở nước ngoài",
        "Thông báo chấp nhận/không chấp nhận hồ sơ đăng ký, sử dụng tem điện tử (Mẫu số 02/TB/TEM)",
        (("Trực tuyến", "1 Ngày làm việc"),),
        "118/2025/NĐ-CP",
        ("Mẫu số 06/TEM ban hành kèm theo Thông tư số 23/2021/TT-BTC",),
    ),
    (
        "1.007721",
        "Miễn, giảm thuế tài nguyên đối với trường hợp cơ quan thuế quyết định miễn, giảm",
        "Thuế",
        "Cấp tỉnh, Cấp xã",
        "",
        "Tổ chức (không bao gồm doanh nghiệp, HTX), Người Việt Nam định cư ở nước ngoài",
        "Quyết định miễn thuế/giảm thuế (mẫu 03/MGTH)",
        (("Trực tuyến", "30 Ngày"), ("Dịch vụ bưu chính", "30 Ngày"), ("Trực tiếp", "30 Ngày")),
        "38/2019/QH14",
        (
            "Văn bản đề nghị theo mẫu số 01/MGTH tại Phụ lục I ban hành kèm theo Thông tư số 80/2021/TT-BTC …",
            "Các chứng từ chi liên quan trực tiếp đến việc khắc phục tai nạn",
        ),
    ),
    (
        "1.013659",
        "Xử lý chứng từ điện tử đã lập sai",
        "Thuế",
        "Cấp tỉnh, Cấp xã",
        "Thuế tỉnh, thành phố, Thuế cơ sở",
        "Doanh nghiệp có vốn đầu tư nước ngoài, Doanh nghiệp Việt Nam",
        "Hệ thống thông tin giải quyết thủ tục hành chính của ngành thuế gửi phản hồi tự động về …",
        (("Trực tuyến", "1 Ngày làm việc"),),
        "123/2020/NĐ-CP",
        ("Mẫu 04/SS-CTĐT Thông báo chứng từ điện tử đã lập sai",),
    ),
)

#: The People's Committee of a level, used where the portal gives no implementing agency.
AGENCY_BY_LEVEL: Final = {
    "Cấp xã": "Ủy ban nhân dân cấp xã",
    "Cấp tỉnh": "Ủy ban nhân dân cấp tỉnh",
    "Cấp tỉnh, Cấp xã": "Ủy ban nhân dân cấp tỉnh, Ủy ban nhân dân cấp xã",
}
#: Left without an implementing agency on purpose (missing-required-part).
NO_AGENCY: Final = "1.003596"
#: Its postal channel states a bare number (bare-number-time).
BARE_NUMBER: Final = ("1.014056", "Dịch vụ bưu chính", "1")
#: Locally committed (cut) times; the last one is longer than prescribed, on purpose.
COMMITTED: Final = {
    "1.014056": "2 Ngày làm việc",
    "1.008628": "10 Ngày làm việc",
    "1.002032": "7 Ngày làm việc",
    "1.001662": "9 Ngày làm việc",
}
#: Receiving agencies by level: fictional codes in the shape of Circular 01/2018 Art. 19.
AGENCIES: Final = {
    "Cấp xã": ("H99.01.01", "H99.01.02", "H99.02.07"),
    "Cấp tỉnh": ("H99",),
    "Cấp bộ": ("G01",),
}


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    path = _out / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")


def _clean(part: str) -> str:
    """Drop the form-column text the portal scrape glued to a component name."""
    return re.sub(r"(?<=\S)Mẫu( số)?$", "", part).rstrip(";, ")


def catalogue() -> None:
    procs, chans, comps = [], [], []
    for code, name, field, level, agency, subjects, result, channels, legal, parts in FACTS:
        if not agency and code != NO_AGENCY:
            agency = AGENCY_BY_LEVEL[level]
        procs.append(
            [code, name, field, level, agency, subjects, result, legal, COMMITTED.get(code, "")]
        )
        for channel, text in channels:
            if (code, channel) == BARE_NUMBER[:2]:
                text = BARE_NUMBER[2]
            chans.append([code, channel, text, "Miễn phí" if code != "1.008891" else ""])
        comps.extend([code, _clean(part), "1 bản chính"] for part in parts)
    write(
        "procedures.csv",
        [
            "Mã số",
            "Tên",
            "Lĩnh vực",
            "Cấp thực hiện",
            "Cơ quan thực hiện",
            "Đối tượng thực hiện",
            "Kết quả thực hiện",
            "Căn cứ pháp lý",
            "Thời hạn cam kết",
        ],
        procs,
    )
    write("channels.csv", ["Mã số", "Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí"], chans)
    write("components.csv", ["Mã số", "Tên giấy tờ", "Số lượng"], comps)


def receipt(rng: random.Random, cal: WorkingCalendar, first: date, days: int) -> datetime:
    while True:
        d = first + timedelta(days=rng.randrange(days))
        if cal.is_working_day(d) or (d.weekday() == 5 and rng.random() < 0.3):
            minute = rng.randrange(8 * 60, 17 * 60)
            return datetime.combine(d, time(minute // 60, minute % 60))


def dossiers() -> None:
    rng = random.Random(SEED)
    today_cal = WorkingCalendar.vietnam()
    cache = CalendarCache()
    calendars: dict[object, DeadlineRules] = {}
    rows: list[list[object]] = []
    seq: dict[str, int] = {}
    mistakes = ["late"] * 12 + ["early"] * 8 + ["no-appointment"] * 4 + ["unknown"] * 2
    mistakes += ["district-after", "district-before"]
    kinds = mistakes + ["ok"] * (N_DOSSIERS - len(mistakes))
    rng.shuffle(kinds)
    for kind in kinds:
        code, _, _, level, _, _, _, channels, _, _ = rng.choice(FACTS)
        channel, text = rng.choice(channels)
        if (code, channel) == BARE_NUMBER[:2]:
            text = BARE_NUMBER[2]
        received = receipt(rng, today_cal, date(2025, 3, 3), 630)
        level = level.split(",")[0]
        if kind == "district-after":
            level, received = "Cấp huyện", datetime(2025, 8, 5, 9, 30)
        elif kind == "district-before":
            level, received = "Cấp huyện", datetime(2025, 6, 20, 14, 10)
        agency = rng.choice(AGENCIES[level]) if level in AGENCIES else "H99.10"
        if kind == "unknown":
            code = "1.999999"
        # The calendar as announced on the day of receipt (one build per data version).
        key = cache.key(received.date())
        rules = calendars.get(key)
        if rules is None:
            rules = DeadlineRules(cache.get(received.date()))
            calendars[key] = rules
        try:
            due = rules.due(received, parse_duration(text)).due_date
        except ValueError:
            due = None
        appointment = due
        if due is not None and kind == "late":
            appointment = rules.calendar.add_working_days(due, rng.choice((1, 2)))
        elif due is not None and kind == "early":
            appointment = rules.calendar.add_working_days(due, -1)
        elif kind == "no-appointment":
            appointment = None
        end = None
        if due is not None and rng.random() < 0.8:
            end_day = today_cal.add_working_days(due, rng.choice((-4, -2, -1, 0, 0, 0, 1, 3)))
            end_day = max(end_day, received.date())
            end = datetime.combine(end_day, time(rng.randrange(8, 17), rng.randrange(60)))
            if end <= received:
                end = received + timedelta(hours=2)
        online = channel == "Trực tuyến"
        key = f"{agency}-{received:%y%m%d}"
        seq[key] = seq.get(key, 0) + 1
        events = ""
        if end is not None and rng.random() < 0.05:
            events = json.dumps(
                [
                    {"kind": "received", "at": received.isoformat() + "+07:00"},
                    {"kind": "processed", "at": end.isoformat() + "+07:00"},
                ]
            )
        rows.append(
            [
                f"{key}-{seq[key]:04d}",
                code,
                agency,
                level,
                channel,
                f"{received:%d/%m/%Y %H:%M}",
                f"{appointment:%d/%m/%Y}" if appointment else "",
                f"{end:%d/%m/%Y %H:%M}" if end else "",
                "Đã trả kết quả" if end else "Đang xử lý",
                int(online and rng.random() < 0.7),
                int(rng.random() < 0.6),
                int(rng.random() < 0.75),
                int(rng.random() < 0.5),
                int(rng.random() < 0.03),
                events,
            ]
        )
    rows.sort(key=lambda r: datetime.strptime(str(r[5]), "%d/%m/%Y %H:%M"))
    write(
        "dossiers.csv",
        [
            "Mã hồ sơ",
            "Mã thủ tục",
            "Cơ quan tiếp nhận",
            "Cấp tiếp nhận",
            "Hình thức nộp",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày kết thúc",
            "Trạng thái",
            "Thanh toán trực tuyến",
            "Kết quả điện tử",
            "Số hóa thành phần",
            "Tái sử dụng dữ liệu số",
            "Phản ánh, kiến nghị",
            "Nhật ký",
        ],
        rows,
    )


_out = OUT


def main(argv: list[str] | None = None) -> int:
    """Write the samples into ``src/procedurekit/samples`` or the folder given."""
    global _out
    args = sys.argv[1:] if argv is None else argv
    _out = Path(args[0]) if args else OUT
    _out.mkdir(parents=True, exist_ok=True)
    catalogue()
    dossiers()
    return 0


if __name__ == "__main__":
    sys.exit(main())
