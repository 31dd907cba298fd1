package community.linli.platform.http;

import java.util.Map;

/**
 * The user-facing texts of problems, in Chinese first and English alongside, keyed by the stable
 * codes that clients may also switch on. A code without a text falls back to the code itself, so
 * a missing translation never hides an error.
 */
public final class Messages {
    private record Text(String zh, String en) {}

    private static final Map<String, Text> TEXTS = Map.ofEntries(
            // titles, one per Problem.Kind slug
            Map.entry("title.validation", new Text("请求参数有误", "Invalid request")),
            Map.entry("title.unauthorized", new Text("请先登录", "Authentication required")),
            Map.entry("title.forbidden", new Text("无权执行此操作", "Not allowed")),
            Map.entry("title.not-found", new Text("未找到", "Not found")),
            Map.entry("title.conflict", new Text("操作冲突", "Conflict")),
            Map.entry("title.version-conflict", new Text("内容已被他人修改", "Edited by someone else")),
            Map.entry("title.idempotency-key-reused", new Text("重复提交的内容不一致", "Idempotency key reused with a different body")),
            Map.entry("title.payload-too-large", new Text("提交内容过大", "Payload too large")),
            Map.entry("title.unsupported-media-type", new Text("不支持的内容类型", "Unsupported media type")),
            Map.entry("title.emergency", new Text("紧急情况请立即拨打电话", "Emergency: call now")),
            Map.entry("title.too-many-requests", new Text("请求过于频繁", "Too many requests")),
            Map.entry("title.internal", new Text("系统繁忙，请稍后再试", "Internal error, please retry later")),
            Map.entry("title.unavailable", new Text("服务暂时不可用", "Temporarily unavailable")),

            // details
            Map.entry("validation", new Text("有 {count} 项内容需要修改", "{count} field(s) need attention")),
            Map.entry("unauthorized", new Text("登录凭证缺失、无效或已过期", "The access token is missing, invalid or expired")),
            Map.entry("no_community", new Text("账号尚未绑定社区", "The account is not bound to a community")),
            Map.entry("role_required", new Text("当前身份无权执行此操作", "Your role may not do this")),
            Map.entry("not_found", new Text("内容不存在或无权查看", "It does not exist or you may not see it")),
            Map.entry("version_conflict", new Text("内容已被他人修改（当前版本 {current}），请刷新后重试", "Someone else changed it (now version {current}); reload and retry")),
            Map.entry("idempotency_mismatch", new Text("同一 Idempotency-Key 已用于不同的内容", "This Idempotency-Key was already used with a different body")),
            Map.entry("payload_too_large", new Text("内容不能超过 {max} 字节", "The body must be at most {max} bytes")),
            Map.entry("unsupported_media_type", new Text("请使用 {expected}", "Send {expected}")),
            Map.entry("wechat_code_invalid", new Text("微信登录凭证无效或已使用，请重新登录", "The WeChat code is invalid or was used already; sign in again")),
            Map.entry("refresh_token_invalid", new Text("登录已失效，请重新登录", "The refresh token is invalid, used or expired; sign in again")),
            Map.entry("wechat_rate_limited", new Text("微信接口调用过于频繁，请稍后再试", "WeChat is limiting our calls; retry later")),
            Map.entry("wechat_unavailable", new Text("微信服务繁忙，请稍后再试", "WeChat is busy or did not answer; retry later")),
            Map.entry("dependency_unavailable", new Text("服务暂时繁忙，请稍后重试", "A service we depend on is busy or did not answer in time; retry later")),
            Map.entry("internal", new Text("系统繁忙，请稍后再试", "Something went wrong on our side; please retry later")),

            // field codes
            Map.entry("required", new Text("不能为空", "is required")),
            Map.entry("blank", new Text("不能为空白", "must not be blank")),
            Map.entry("max_length", new Text("不能超过 {max} 个字", "must be at most {max} characters")),
            Map.entry("at_least", new Text("不能小于 {min}", "must be at least {min}")),
            Map.entry("max_items", new Text("最多 {max} 项", "must have at most {max} items")),
            Map.entry("min_items", new Text("至少 {min} 项", "must have at least {min} items")),
            Map.entry("invalid_value", new Text("取值无效", "is not a valid value")),
            Map.entry("duplicate_items", new Text("不能重复", "must not repeat an item")),
            Map.entry("pattern", new Text("格式不正确", "has an invalid format")),
            Map.entry("one_of", new Text("必须是以下之一：{allowed}", "must be one of: {allowed}")),
            Map.entry("range", new Text("必须在 {min} 到 {max} 之间", "must be between {min} and {max}")),
            Map.entry("null_value", new Text("不能为 null；不填写时请省略此字段", "must not be null; leave the field out instead")),
            Map.entry("invalid_type", new Text("类型不正确，应为 {expected}", "has the wrong type, expected {expected}")),
            Map.entry("unknown_field", new Text("不是可接受的字段", "is not an accepted field")),
            Map.entry("malformed_json", new Text("不是有效的 JSON（第 {line} 行第 {column} 列）", "is not valid JSON (line {line}, column {column})")),
            Map.entry("control_character", new Text("第 {position} 个字符是不可见的控制字符，请删除", "character {position} is an invisible control character; remove it")),
            Map.entry("duplicate_field", new Text("字段重复出现", "appears more than once")),
            Map.entry("body_required", new Text("请求内容不能为空", "a JSON body is required")),
            Map.entry("phone", new Text("请填写 11 位中国大陆手机号", "must be an 11-digit mainland China mobile number")),
            Map.entry("unknown_category", new Text("社区没有此类别", "is not a category of this community")),
            Map.entry("category_disabled", new Text("此类别已停用", "this category is no longer accepted")),
            Map.entry("category_emergency", new Text("紧急类别不能在线处理", "an emergency category cannot be handled online")),
            Map.entry("unknown_building", new Text("社区没有此楼栋", "is not a building of this community")),
            Map.entry("unknown_grid", new Text("社区没有此网格", "is not a grid of this community")),
            Map.entry("grid_mismatch", new Text("与楼栋所在网格不一致", "does not match the building's grid")),
            Map.entry("location_required", new Text("请扫描楼栋二维码或填写位置（经纬度与地址）", "give a building from the QR code, or latitude, longitude and address")),

            // the request loop
            Map.entry("emergency", new Text("{message}。此类情况社区无法在线受理，请立即拨打 {phone}", "{message_en}. The community cannot take this online: call {phone} now")),
            Map.entry("emergency_unnamed", new Text("紧急情况", "This is an emergency")),
            Map.entry("invalid_transition", new Text("诉求当前为“{status_zh}”，不能“{action_zh}”", "The request is {status}; '{action}' is not possible now")),
            Map.entry("reopen_window_closed", new Text("办结已超过 {days} 天，不能再重新打开，请重新提交诉求", "It was resolved more than {days} days ago; submit a new request instead")),
            Map.entry("already_rated", new Text("此诉求已经评价过了", "This request has already been rated")),
            Map.entry("not_assignee", new Text("只有承办人或社区工作人员可以办理", "Only the assignee or community staff may do this")),
            Map.entry("not_requester", new Text("只有提交人可以执行此操作", "Only the resident who filed it may do this")),
            Map.entry("photo_not_owned", new Text("只能使用自己上传的照片", "must be a photo you uploaded")),
            Map.entry("photo_not_uploaded", new Text("照片尚未上传成功", "has not been uploaded")),
            Map.entry("photo_invalid", new Text("照片须为 JPEG、PNG 或 WebP，且不超过 10 MB", "must be a JPEG, PNG or WebP of at most 10 MB")),
            Map.entry("unknown_question", new Text("不是此类别的问题", "is not a question of this category")),
            Map.entry("answer_required", new Text("此问题必须回答", "this question must be answered")),
            Map.entry("grid_required", new Text("请选择网格", "choose a grid")),
            Map.entry("phone_required", new Text("请填写联系电话，才能接收短信通知", "give a contact phone to get SMS updates")),
            Map.entry("grid_not_covered", new Text("不是您负责的网格", "is not one of your grids")),
            Map.entry("not_in_directory", new Text("不是本社区在册的工作人员", "is not an active member of the community's staff directory")),
            Map.entry("outside_grid", new Text("该网格员不负责此诉求所在的网格", "is a grid worker of another grid than the request's")),
            Map.entry("unplaced_alone", new Text("未定位网格的诉求不能再按网格或处理人筛选", "cannot be combined with grid or assignee")),
            Map.entry("mixed_phases", new Text("进行中与已结束的状态不能同时筛选", "cannot mix open and finished statuses")),
            Map.entry("invalid_cursor", new Text("分页标记无效，请从第一页重新加载", "is not a cursor of this list; reload from the first page")),
            Map.entry("empty_update", new Text("没有需要修改的内容", "nothing to change")),
            Map.entry("requires_building", new Text("只有扫描楼栋二维码时才能指定", "may only be given with a building")),
            Map.entry("reason_required", new Text("请填写原因", "give a reason")),

            // the staff registry
            Map.entry("phone_registered", new Text("此手机号已登记在本社区工作人员名册中", "This phone is already registered for someone in this community")),
            Map.entry("grid_workers_only", new Text("只有网格员可以分配网格", "only grid workers have grids")),
            Map.entry("not_applicable", new Text("此操作不接受这一项", "is not accepted for this action")),
            Map.entry("unknown_parameter", new Text("不是可接受的查询参数", "is not an accepted query parameter")),
            Map.entry("idempotency_key", new Text("须为 1 到 64 位字母、数字、下划线或连字符", "must be 1 to 64 letters, digits, underscores or hyphens")),

            // ---- the resident registry (ResidentsFunction)
            Map.entry("id_number_shape", new Text("请填写 18 位公民身份号码（末位可为 X）", "must be an 18-character resident ID number (the last may be X)")),
            Map.entry("id_number_check_digit", new Text("身份证号码校验位不正确，请核对", "has a wrong check character; check the number")),
            Map.entry("id_number_birth_date", new Text("身份证号码中的出生日期不存在或不合理", "encodes a birth date that does not exist or is implausible")),
            Map.entry("id_number_registered", new Text("此身份证号码已登记在本社区", "This ID number is already registered in this community")),
            Map.entry("unknown_tag", new Text("不在社区的标签列表中", "is not a tag of this community's list")),
            Map.entry("consent_required", new Text("特殊群体标签须先登记本人同意（日期与登记人）", "a sensitive tag needs a recorded consent (date and who recorded it)")),
            Map.entry("consent_without_tag", new Text("只能为所填标签中的特殊群体标签登记同意", "consent may only be given for a sensitive tag in tags")),
            Map.entry("unknown_room", new Text("社区没有此房间", "is not a room of this community")),
            Map.entry("unknown_household", new Text("社区没有此户，或不在您负责的网格", "is not a household of this community in your grids")),
            Map.entry("household_number_registered", new Text("此户号已登记在本社区", "This household number is already registered in this community")),
            Map.entry("household_has_head", new Text("此户已有户主", "This household already has a head")),
            Map.entry("future_date", new Text("不能晚于今天", "must not be after today")),
            Map.entry("date_too_early", new Text("不能早于 {earliest}", "must not be before {earliest}")),
            Map.entry("date_too_late", new Text("不能晚于 {latest}", "must not be after {latest}")),
            Map.entry("requires", new Text("须与 {field} 一起填写", "may only be given with {field}")),
            Map.entry("move_not_allowed", new Text("居民当前状态为“{status}”，不能办理此项", "The resident is {status}; this move is not possible")),
            Map.entry("care_changed", new Text("此居民的走访记录刚被他人更新，请刷新后重试", "This resident's care visits changed meanwhile; reload and try again")),
            Map.entry("history_too_long", new Text("此居民的记录过多，无法一次删除，请联系管理员", "This resident's history is too long to erase at once")),

            // ---- onboarding from the mini-program (ResidentsFunction)
            Map.entry("application_exists", new Text("您已申请加入此房间，请等待网格员审核", "You have applied to join this room already")),
            Map.entry("application_decided", new Text("此申请已处理", "This application has been decided already")),
            Map.entry("account_in_community", new Text("您的账号已属于一个社区", "Your account belongs to a community already")),
            Map.entry("resident_linked", new Text("此居民已绑定其他账号", "Another account is linked to this resident")),
            Map.entry("resident_not_in_room", new Text("不是此房间的在册居民", "is not a registered resident of this room")),
            Map.entry("household_not_in_room", new Text("不是此房间的户", "is not a household of this room")),

            // ---- duty (StaffFunction)
            Map.entry("not_an_admin", new Text("须为在册的社区管理员", "must be an active admin of the community")),
            Map.entry("unknown_staff", new Text("不是社区在册的工作人员", "is not an active member of the community's staff")),

            // ---- notices (NoticesFunction)
            Map.entry("not_after", new Text("须晚于 {other}", "must be after {other}")),
            Map.entry("notice_published", new Text("通知已发布，不能再修改发布时间", "the notice is published; its publication time can no longer change")),
            Map.entry("notice_not_draft", new Text("只有草稿可以发布", "Only a draft can be published")),
            Map.entry("notice_withdrawn", new Text("通知已撤回", "The notice has been withdrawn")),
            Map.entry("not_an_activity", new Text("此通知不是活动，不能报名", "This notice is not an activity; there is nothing to sign up for")),
            Map.entry("deadline_passed", new Text("报名已截止", "Sign-up has closed")),
            Map.entry("too_many_companions", new Text("同行人数超过活动允许的 {max} 人", "more companions than the activity allows ({max})")),
            Map.entry("already_signed_up", new Text("您已报名此活动", "You have signed up for this activity already")),
            Map.entry("not_published", new Text("通知尚未发布", "the notice is not published yet")),
            Map.entry("wrong_check_in_code", new Text("签到码不正确，请扫描活动现场的二维码", "wrong check-in code: scan the code shown at the activity")),
            Map.entry("no_confirmed_sign_up", new Text("没有已确认的报名，不能签到", "no confirmed sign-up to check in")),
            Map.entry("not_an_emergency", new Text("此通知不是紧急通知", "This notice is not an emergency notice")),
            Map.entry("notice_closed", new Text("通知已过期或已撤回，不能再确认或登记", "The notice has expired or been withdrawn; it takes no more acknowledgements or answers")),
            Map.entry("already_acknowledged", new Text("您家已确认收到此通知", "Your household has acknowledged this notice already")),
            Map.entry("no_form", new Text("此通知没有登记表", "This notice has no form to answer")),
            Map.entry("household_required", new Text("账号尚未绑定在册住户", "The account is not linked to a registered household")),
            Map.entry("not_for_emergency", new Text("紧急通知须发给全社区或指定网格", "An emergency notice goes to the community or to listed grids")),

            // ---- directory (DirectoryFunction): categories, working calendar, building QR codes
            Map.entry("exactly_one", new Text("{fields} 必须且只能填写一项", "exactly one of {fields} is required")),
            Map.entry("not_allowed", new Text("{type} 类问题不能设置此项", "is not allowed for {type} questions")),
            Map.entry("same_count", new Text("须与 {other} 一一对应，共 {count} 项", "must have one item per item of {other}, {count} in all")),
            Map.entry("less_than_min", new Text("不能小于最小值 {min}", "must not be less than min ({min})")),
            Map.entry("date", new Text("请填写有效日期，格式如 2026-10-01", "must be a date such as 2026-10-01")),
            Map.entry("not_in_year", new Text("必须是 {year} 年内的日期", "must be a date in {year}")),
            Map.entry("in_both_lists", new Text("不能同时是节假日和调休工作日", "must not be both a holiday and a workday")),

            // ---- CSV uploads (platform csv.CsvTable): the file, its header, its rows
            Map.entry("csv_empty", new Text("CSV 文件为空", "the CSV file is empty")),
            Map.entry("csv_encoding", new Text("第 {line} 行不是 UTF-8 编码：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重新上传",
                    "line {line} is not UTF-8: in Excel, save as \"CSV UTF-8 (Comma delimited)\" and upload again")),
            Map.entry("csv_unclosed_quote", new Text("第 {line} 行的引号没有闭合", "a quote opened on line {line} is never closed")),
            Map.entry("csv_malformed", new Text("第 {line} 行不是有效的 CSV", "line {line} is not valid CSV")),
            Map.entry("csv_repeated_column", new Text("表头“{column}”出现了多次", "the column {column} appears more than once")),
            Map.entry("csv_unknown_column", new Text("表头“{column}”不是可接受的列（可用：{allowed}）", "{column} is not an accepted column (accepted: {allowed})")),
            Map.entry("csv_missing_column", new Text("表头缺少“{column}”列", "the header lacks the column {column}")),
            Map.entry("csv_too_many_cells", new Text("第 {row} 行的单元格多于表头的 {columns} 列", "row {row} has more cells than the header's {columns} columns")),
            Map.entry("row_required", new Text("第 {row} 行“{column}”不能为空", "row {row}: {column} is required")),
            Map.entry("row_id", new Text("第 {row} 行“{column}”须为 1 到 32 位字母、数字、下划线或连字符", "row {row}: {column} must be 1 to 32 letters, digits, underscores or hyphens")),
            Map.entry("row_max_length", new Text("第 {row} 行“{column}”不能超过 {max} 个字", "row {row}: {column} must be at most {max} characters")),
            Map.entry("row_number", new Text("第 {row} 行“{column}”须为 {min} 到 {max} 之间的数", "row {row}: {column} must be a number from {min} to {max}")),
            Map.entry("row_coordinates", new Text("第 {row} 行须同时填写纬度和经度，或都不填", "row {row}: give both latitude and longitude, or neither")),
            Map.entry("row_inconsistent", new Text("第 {row} 行“{column}”与第 {other} 行同一{place}的不一致", "row {row}: {column} differs from row {other} for the same {place_en}")),
            Map.entry("row_duplicate", new Text("第 {row} 行与第 {other} 行是同一房间", "row {row} repeats the room of row {other}")),
            Map.entry("row_building_in_other_grid", new Text("第 {row} 行：楼栋 {building} 已属于网格 {grid}，请在楼栋管理中调整网格",
                    "row {row}: building {building} belongs to grid {grid}; move it with PUT /buildings/{building}")),

            // ---- bulk import of residents (ResidentsImportFunction): the cells of its per-row report
            Map.entry("row_duplicate_id_number", new Text("与第 {other} 行的身份证号码相同", "the same ID number as row {other}")),
            Map.entry("row_household_other_room", new Text("与第 {other} 行同一户号的房间不一致", "row {other} puts the same household number in another room")),
            Map.entry("household_number_other_room", new Text("此户号已登记在另一房间", "this household number is registered at another room")),
            Map.entry("tag_or_code", new Text("须为社区标签列表中的名称或代码，多个用“；”分隔", "must be names or codes of the community's tags, separated by ;")),
            Map.entry("import_row_unavailable", new Text("系统繁忙，此行未导入：请重新导入同一文件（已导入的行不会重复登记）",
                    "the service was busy and this row was not imported: import the same file again (rows already imported are not registered twice)")),
            Map.entry("import_row_not_reached", new Text("本次导入时间已用完，此行未处理：请重新导入同一文件（已导入的行不会重复登记）",
                    "the import ran out of time before this row: import the same file again (rows already imported are not registered twice)")),
            Map.entry("import_file_too_large", new Text("文件不能超过 {max} 字节，请拆分后分别导入", "the file must be at most {max} bytes; split it")),
            Map.entry("import_file_missing", new Text("未找到上传的文件，请重新上传", "the uploaded file was not found; upload it again")),

            // ---- places (DirectoryFunction)
            Map.entry("place_id", new Text("须为 1 到 32 位字母、数字、下划线或连字符", "must be 1 to 32 letters, digits, underscores or hyphens")),
            Map.entry("coordinates_pair", new Text("纬度和经度须同时填写，或都不填", "give both latitude and longitude, or neither")),
            Map.entry("move_unfinished", new Text("楼栋已调整网格，但仍有诉求未转入新网格，请重试同一操作", "the building moved, but some of its requests are not in the new grid yet; retry the same call")));

    private Messages() {}

    public static String zh(String code, Map<String, Object> args) {
        Text text = TEXTS.get(code);
        return fill(text == null ? code : text.zh(), args);
    }

    public static String en(String code, Map<String, Object> args) {
        Text text = TEXTS.get(code);
        return fill(text == null ? code : text.en(), args);
    }

    private static String fill(String template, Map<String, Object> args) {
        String out = template;
        for (var entry : args.entrySet()) {
            out = out.replace("{" + entry.getKey() + "}", String.valueOf(entry.getValue()));
        }
        return out;
    }
}
