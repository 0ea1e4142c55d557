//! Numbers written as Word's list formats (`w:numFmt`) write them: `chineseCounting` 十一,
//! `chineseLegalSimplified` 壹拾壹, `decimalEnclosedCircle` ⑪, `lowerRoman` xi, ….

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// `n` in Chinese counting numerals (十一, 一百零五, 两 never used), with `digits` and the
/// units 十百千 (or 拾佰仟); 万 above 9999.
fn chinese(n: u32, digits: &[char; 10], units: [char; 3], wan: char) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        let (high, low) = (n / 10_000, n % 10_000);
        let mut s = chinese(high, digits, units, wan);
        s.push(wan);
        if low > 0 {
            if low < 1000 {
                s.push(digits[0]);
            }
            s.push_str(&below_10k(low, digits, units, true));
        }
        return s;
    }
    below_10k(n, digits, units, false)
}

/// 1..=9999; `inner`: not the leading group, so 10..=19 keep their 一 (一万零一十五).
fn below_10k(n: u32, digits: &[char; 10], units: [char; 3], inner: bool) -> String {
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut s = String::new();
    let mut zero = false;
    for (i, &d) in parts.iter().enumerate() {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, for a leading ten (Word's chineseCounting writes 十一).
        let bare_ten = i == 2 && d == 1 && s.is_empty() && !inner && digits[1] == '一';
        if !bare_ten {
            s.push(digits[d as usize]);
        }
        if i < 3 {
            s.push(units[2 - i]);
        }
    }
    s
}

fn letters(n: u32, base: u8) -> String {
    // Word repeats the letter: a..z, aa..zz, aaa…
    if n == 0 {
        return String::new();
    }
    let c = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// One character from a run of enclosed numbers (`first` is 1), or decimal past its end.
fn enclosed(n: u32, first: char, last: u32) -> String {
    match char::from_u32(first as u32 + n - 1) {
        Some(c) if (1..=last).contains(&n) => c.to_string(),
        _ => n.to_string(),
    }
}

/// `n` in the list format `format` (`w:numFmt`); formats wenmai does not know are decimal.
pub(crate) fn format_number(n: u32, format: &str) -> String {
    const GAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    const ZHI: [char; 12] = [
        '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
    ];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese(n, &DIGITS, ['十', '百', '千'], '万'),
        "chineseLegalSimplified" => chinese(n, &LEGAL, ['拾', '佰', '仟'], '万'),
        "ideographLegalTraditional" | "japaneseLegal" => {
            chinese(n, &LEGAL, ['拾', '佰', '仟'], '萬')
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| match c {
                '0' => '〇',
                d => DIGITS[d.to_digit(10).unwrap_or(0) as usize],
            })
            .collect(),
        "ideographTraditional" if n >= 1 => GAN[((n - 1) % 10) as usize].to_string(),
        "ideographZodiac" if n >= 1 => ZHI[((n - 1) % 12) as usize].to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            enclosed(n, '①', 20)
        }
        "decimalEnclosedParen" => enclosed(n, '⑴', 20),
        "decimalEnclosedFullstop" => enclosed(n, '⒈', 20),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::format_number as f;

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 101, 110, 1000, 1005, 10015]
            .iter()
            .map(|&n| f(n, "chineseCounting"))
            .collect();
        let want = [
            "一",
            "九",
            "十",
            "十一",
            "二十",
            "二十一",
            "九十九",
            "一百",
            "一百零一",
            "一百一十",
            "一千",
            "一千零五",
            "一万零一十五",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn other_formats() {
        assert_eq!(f(11, "chineseLegalSimplified"), "壹拾壹");
        assert_eq!(f(3, "chineseLegalSimplified"), "叁");
        assert_eq!(f(10, "ideographDigital"), "一〇");
        assert_eq!(f(3, "ideographTraditional"), "丙");
        assert_eq!(f(3, "decimalEnclosedCircleChinese"), "③");
        assert_eq!(f(21, "decimalEnclosedCircle"), "21");
        assert_eq!(f(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(f(12, "decimalFullWidth"), "１２");
        assert_eq!(f(4, "decimalZero"), "04");
        assert_eq!(f(28, "lowerLetter"), "bb");
        assert_eq!(f(14, "upperRoman"), "XIV");
        assert_eq!(f(7, "decimal"), "7");
        assert_eq!(f(7, "cardinalText"), "7");
        assert_eq!(f(7, "none"), "");
    }
}
