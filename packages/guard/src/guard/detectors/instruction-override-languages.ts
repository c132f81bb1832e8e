import { accentInsensitive, cyrillic, WB, WE, words } from "./lexicon.js";

/*
 * The override families of instruction-override.ts in sixteen more languages: es, fr, de, it, pt,
 * ru, zh, ja, ko, ar, hi, tr, nl, pl, id, vi, bn, th. Languages that put the verb first are one
 * pattern (verb, a few determiners, object, trailing qualifier); verb-final ones (ja, ko, hi, bn,
 * tr, German infinitives) start at the qualifier or at the object.
 */

export interface Family {
  readonly start: readonly string[];
  readonly rest: string;
}

const alt = (list: readonly string[]) => `(?:${list.join("|")})`;

function verbFirst(verbs: string, gap: string, objects: string, trailing = ""): Family {
  const after = trailing === "" ? "" : `(?:\\s+${alt(words(trailing))})?`;
  return {
    start: words(verbs),
    rest: `${WE}(?:[\\s’']+${alt(words(gap))}){0,4}[\\s’']+${alt(words(objects))}${WE}${after}`,
  };
}

/** Verb-final languages: [qualifier …] object … verb, where the scan may start at either. */
function objectFirst(qualifiers: string, objects: string, verbs: string, gap: string, tail: string): Family[] {
  const object = alt(words(objects));
  const verb = alt(words(verbs));
  return [
    { start: words(qualifiers), rest: `${gap}${object}${tail}${verb}` },
    { start: words(objects), rest: `${tail}${verb}` },
  ];
}

export const OVERRIDE_FAMILIES: readonly Family[] = [
  verbFirst(
    "ignora ignore ignoren ignorar ignorad olvida olvide olviden olvidar olvidad olv[ií]date_de olv[ií]dese_de descarta descarte descartar omite omita omitir desobedece desatiende haz_caso_omiso_(?:a|de) hagas_caso_omiso_(?:a|de) no_sigas no_siga no_sigan deja_de_seguir pasa_por_alto anula",
    "todas todos las los tus sus de a esas estas aquellas cualquier toda la el anteriores previas",
    "instrucciones instrucci[oó]n indicaciones reglas normas directrices [oó]rdenes pautas consignas restricciones directivas prompts? comandos limitaciones",
    "anteriores previas precedentes de_arriba originales iniciales recibidas dadas",
  ),
  verbFirst(
    "ignore ignorez ignorer oublie oubliez oublier ne_tiens_(?:pas|plus)_compte ne_tenez_(?:pas|plus)_compte ne_pas_tenir_compte fais_abstraction faites_abstraction ne_suis_(?:pas|plus) ne_suivez_(?:pas|plus) n[ée]glige n[ée]gligez passe_outre passez_outre outrepasse outrepassez contourne contournez [ée]carte [ée]cartez annule annulez",
    "toutes tous les tes vos des de d du à a aux ces ses l la le leurs? pr[ée]c[ée]dentes",
    "instructions? consignes? r[èe]gles directives indications ordres invites prompts? commandes restrictions limitations contraintes",
    "pr[ée]c[ée]dente?s ant[ée]rieures ci-dessus d[’']avant initiales originales donn[ée]es re[çc]ues",
  ),
  verbFirst(
    "ignoriere ignorieren_sie ignoriert ignorier vergiss vergesst vergessen_sie missachte missachten_sie missachtet übergehe übergehen_sie umgehe umgehen_sie verwirf verwerfe verwerfen_sie befolge_nicht befolgen_sie_nicht folge_nicht beachte_nicht beachten_sie_nicht",
    "alle deine ihre die der den sämtliche jegliche bisherigen vorherigen vorherige vorigen obigen früheren vorangegangenen ursprünglichen alten zuvor gegebenen erhaltenen",
    "anweisungen anweisung instruktionen regeln befehle vorgaben richtlinien anordnungen direktiven prompts? hinweise einschränkungen beschränkungen",
  ),
  {
    start: words(
      "alle deine ihre sämtliche vorherigen vorherige vorigen bisherigen obigen früheren vorangegangenen ursprünglichen",
    ),
    rest: `(?:\\s+(?:vorherigen|vorigen|bisherigen|obigen|früheren|vorangegangenen|ursprünglichen))?\\s+(?:anweisungen|instruktionen|regeln|befehle|vorgaben|richtlinien)\\s+(?:\\p{L}+\\s+){0,2}?(?:ignorieren|vergessen|missachten|nicht\\s+(?:mehr\\s+)?(?:beachten|befolgen))${WE}`,
  },
  verbFirst(
    "ignora ignorate ignorare ignori dimentica dimenticate dimenticare dimentichi scordati trascura trascurate non_seguire non_seguite non_segua smetti_di_seguire tralascia tralasciate scarta aggira annulla",
    "tutte tutti le tue sue gli i di delle degli queste quelle qualsiasi ogni la l precedenti",
    "istruzioni istruzione regole indicazioni direttive linee_guida comandi ordini prompts? restrizioni limitazioni vincoli",
    "precedenti sopra di_prima originali iniziali ricevute date fornite anteriori",
  ),
  verbFirst(
    "ignore ignora ignorar ignorem esqueça esqueca esquece esquecer esqueçam desconsidere desconsidera desconsiderar descarte descarta n[ãa]o_sigas? deixe_de_seguir pare_de_seguir despreze omita anule",
    "todas todos as os suas tuas de das dos essas estas quaisquer qualquer a o anteriores",
    "instru[çc][õo]es instru[çc][ãa]o regras diretrizes diretivas orienta[çc][õo]es ordens comandos indica[çc][õo]es prompts? restri[çc][õo]es limita[çc][õo]es",
    "anteriores pr[ée]vias acima originais iniciais recebidas dadas",
  ),
  {
    start: words(
      "игнорируй игнорируйте игнорировать проигнорируй проигнорируйте забудь забудьте забыть не_обращай_внимания_на не_обращайте_внимания_на отбрось отбросьте не_следуй не_следуйте не_выполняй не_выполняйте пренебреги пренебрегите отмени отмените обойди обойдите не_слушай",
    ).map(cyrillic),
    rest: cyrillic(
      `${WE}(?:\\s+(?:все|всё|свои|твои|ваши|эти|те|любые|данные|полученные|предыдущ\\p{L}*|прежн\\p{L}*|предшествующ\\p{L}*|вышеуказанн\\p{L}*|вышеприведенн\\p{L}*|вышеприведённ\\p{L}*|прошл\\p{L}*|изначальн\\p{L}*|исходн\\p{L}*|ранее)){0,4}\\s+(?:инструкци\\p{L}*|указани\\p{L}*|правил\\p{L}*|команд\\p{L}*|директив\\p{L}*|приказ\\p{L}*|ограничени\\p{L}*|промпт\\p{L}*|установк\\p{L}*)`,
    ),
  },
  {
    start: words(
      "忽略 忽视 忽視 无视 無視 忘记 忘記 忘掉 忘了 不要理会 不要理會 不要理睬 别理会 別理會 不用理会 不必理会 不要遵守 不要遵循 不再遵守 停止遵守 不要听从 不要聽從 抛开 拋開 抛弃 拋棄 丢弃 丟棄 放弃 放棄 违背 違背 绕过 繞過 跳过 跳過 推翻 撤销 撤銷",
    ),
    rest: "[^。！？!?\\n]{0,15}?(?:指令|指示|说明|說明|规则|規則|提示词|提示詞|命令|要求|设定|設定|约束|約束|限制|规定|規定|准则|準則|守则|守則)",
  },
  ...objectFirst(
    "以前 前 上記 上 これまで 今まで 先ほど 先程 最初 元 事前 すべて 全て 全部 あなた システム",
    "指示 命令 指令 ルール 規則 プロンプト 制約 ガイドライン 指針 インストラクション 設定",
    "無視 忘れ 破棄 従わな 従うな 放棄",
    "の?[^。！？!?\\n]{0,8}?",
    "[^。！？!?\\n]{0,6}?",
  ),
  ...objectFirst(
    "이전 앞의 앞서 위의 위 기존 원래 모든 당신의 너의 시스템",
    "지시사항 지시_사항 지시 지침 명령 규칙 프롬프트 가이드라인 제약 규정 안내 설정",
    "무시 잊어 잊고 잊으 잊을 따르지\\s*마 따르지\\s*말 버려 버리",
    "\\s*[^.!?\\n]{0,10}?",
    "[^.!?\\n]{0,8}?",
  ),
  {
    start: words(
      "تجاهل تجاهلي تجاهلوا تتجاهل انس انسى انسي انسَ أهمل اهمل أهملي لا_تتبع لا_تتّبع لا_تلتزم_ب توقف_عن_اتباع تخط تخطى تخطّ ألغ الغ تغاضى_عن تغاض_عن تجاوز",
    ),
    rest: `${WE}[^.؟!\\n]{0,25}?(?:التعليمات|تعليمات\\p{L}*|الأوامر|الاوامر|أوامر\\p{L}*|اوامر\\p{L}*|القواعد|قواعد\\p{L}*|الإرشادات|الارشادات|إرشادات\\p{L}*|التوجيهات|توجيهات\\p{L}*|القيود)(?:\\s+(?:السابقة|السابق|أعلاه|اعلاه|الأصلية|الاصلية|الماضية|المقدمة|القديمة))?`,
  },
  ...objectFirst(
    "पिछले पिछली पूर्व पहले ऊपर_के ऊपर_दिए_गए उपरोक्त सभी सारे अपने मूल",
    "निर्देशों निर्देश नियमों नियम आदेशों आदेश हिदायतों हिदायत दिशानिर्देशों दिशा-निर्देशों इंस्ट्रक्शन्स इंस्ट्रक्शंस",
    "अनदेखा अनदेखी नजरअंदाज नज़रअंदाज नज़रअंदाज भूल उपेक्षा अवहेलना दरकिनार इग्नोर पालन_न पालन_मत",
    "\\s+[^।\\n]{0,20}?",
    "[^।\\n]{0,15}?",
  ),
  ...objectFirst(
    "önceki onceki yukarıdaki yukaridaki daha_önceki tüm tum bütün butun verilen orijinal ilk sana_verilen eski",
    "talimat\\p{L}* kural\\p{L}* komut\\p{L}* yönerge\\p{L}* yonerge\\p{L}* direktif\\p{L}* emir\\p{L}* istem\\p{L}* yönlendirme\\p{L}*",
    "yok\\s*say unut görmezden_gel gormezden_gel dikkate_alma boş\\s*ver bos\\s*ver göz\\s*ardı_et goz\\s*ardi_et takma uyma çiğne es_geç atla",
    "(?:\\s+(?:tüm|tum|bütün|butun|önceki|onceki|verilen))*\\s+",
    "\\s+(?:\\p{L}+\\s+){0,2}?",
  ),
  verbFirst(
    "negeer negeren negeert vergeet vergeten volg_niet niet_volgen niet_opvolgen sla_over omzeil omzeilen",
    "alle de je jouw uw eerdere vorige voorgaande bovenstaande oorspronkelijke oude gegeven gekregen deze die het",
    "instructies instructie regels opdrachten aanwijzingen richtlijnen bevelen prompts? commando[’']?s beperkingen",
  ),
  verbFirst(
    "zignoruj zignorujcie ignoruj ignorujcie zapomnij(?:\\s+o)? zapomnijcie(?:\\s+o)? pomiń pomin pomińcie nie_zwracaj_uwagi_na nie_stosuj_si[ęe]_do nie_przestrzegaj porzuć porzuc odrzuć odrzuc nie_słuchaj nie_sluchaj",
    "wszystkie wszystkich swoje twoje swoich twoich te tych poprzednie poprzednich wcześniejsze wczesniejsze wcześniejszych powyższe powyzsze dotychczasowe oryginalne początkowe otrzymane",
    "instrukcj\\p{L}* polece\\p{L}* zasad\\p{L}* reguł\\p{L}* regul\\p{L}* wytyczn\\p{L}* komend\\p{L}* rozkaz\\p{L}* ogranicze\\p{L}*",
  ),
  verbFirst(
    "abaikan abaikanlah lupakan lupakanlah jangan_ikuti jangan_patuhi hiraukan",
    "semua seluruh segala para",
    "instruksi perintah aturan petunjuk pedoman arahan",
    "sebelumnya di_atas awal yang_diberikan yang_sebelumnya",
  ),
  {
    start: words("bỏ_qua phớt_lờ quên lờ_đi đừng_làm_theo không_tuân_theo đừng_tuân_theo bỏ_ngoài_tai"),
    rest: "\\s+(?:[\\p{L}\\p{M}]+\\s+){0,3}?(?:hướng\\s+dẫn|chỉ\\s+dẫn|chỉ\\s+thị|mệnh\\s+lệnh|lệnh|quy\\s+tắc|quy\\s+định)(?:\\s+(?:trước\\s+đó|trước|ở\\s+trên|ban\\s+đầu))?",
  },
  ...objectFirst(
    "আগের পূর্ববর্তী আপনার সমস্ত সব",
    "নির্দেশ[\\p{L}\\p{M}]* নিয়ম[\\p{L}\\p{M}]*",
    "উপেক্ষা ভুলে_যান ভুলে_যাও অগ্রাহ্য",
    "\\s*[^।\\n]{0,10}?",
    "[^।\\n]{0,12}?",
  ),
  {
    start: words("ละเว้น เพิกเฉย ลืม อย่าสนใจ อย่าไปสนใจ ไม่ต้องสนใจ ไม่ต้องทำตาม อย่าทำตาม ไม่ต้องทําตาม อย่าทําตาม"),
    rest: "[^\\n]{0,12}?(?:คำสั่ง|คําสั่ง|คำแนะนำ|คําแนะนํา|กฎ|ข้อกำหนด|ข้อกําหนด)(?:ก่อนหน้า(?:นี้)?|ข้างต้น)?",
  },
  verbFirst(
    "kalimutan huwag_pansinin wag_pansinin balewalain",
    "ang iyong mong mga lahat ng naunang nakaraang",
    "tagubilin instruksyon instruksiyon utos panuto",
  ),
];

/** "Ignore everything you have been told", outside English. */
export const TOLD_FAMILIES: readonly Family[] = [
  {
    start: words("ignore oublie oubliez ignorez"),
    rest: "\\s+tout\\s+ce\\s+(?:qu[’']on\\s+t[’']a|que\\s+(?:je\\s+t[’']ai|vous\\s+avez|tu\\s+as|l[’']on\\s+vous\\s+a))\\s+(?:d[ée]j[àa]\\s+)?(?:dit|demand[ée]|appris|donn[ée]|re[çc]u)",
  },
  {
    start: words("ignora olvida ignore olvide"),
    rest: "\\s+todo\\s+lo\\s+que\\s+(?:te|se\\s+te|le)\\s+(?:han|ha|he|hayan)\\s+(?:dicho|ordenado|indicado|ense[ñn]ado)",
  },
  {
    start: words("ignora dimentica dimenticate ignorate"),
    rest: "\\s+(?:tutto\\s+)?(?:ciò|cio|quello|quanto)\\s+(?:che\\s+)?(?:ti\\s+[èe]\\s+stato|ti\\s+hanno|ti\\s+ho|vi\\s+[èe]\\s+stato)\\s+(?:detto|insegnato|ordinato)",
  },
  {
    start: words("ignore esqueça esqueca desconsidere"),
    rest: "\\s+tudo\\s+o\\s+que\\s+(?:te|lhe)\\s+(?:foi|disseram|mandaram)",
  },
  {
    start: words("vergiss ignoriere vergessen_sie ignorieren_sie"),
    rest: "\\s+alles[\\s,]+(?:was|das)\\s+(?:dir|ihnen|man\\s+dir|ich\\s+dir)\\s+(?:\\p{L}+\\s+){0,2}?(?:gesagt|befohlen|beigebracht|aufgetragen|vorgegeben)",
  },
  {
    start: words("игнорируй игнорируйте забудь забудьте проигнорируй").map(cyrillic),
    rest: cyrillic(
      "\\s+(?:все|всё)[\\s,]+(?:что|чему)\\s+(?:тебе|вам|тебя|вас)\\s+(?:\\p{L}+\\s+){0,2}?(?:говорили|сказали|велели|приказали|указали|учили)",
    ),
  },
  {
    start: words("忽略 无视 無視 忘记 忘記 忘掉"),
    rest: "[^。！？!?\\n]{0,6}?(?:告诉你的|告訴你的|对你说的|對你說的|你被告知的)",
  },
  {
    start: words("আপনাকে তোমাকে"),
    rest: "\\s+যা\\s+(?:কিছু\\s+)?বলা\\s+হয়েছে[^।\\n]{0,10}?(?:উপেক্ষা|ভুলে\\s+যান|ভুলে\\s+যাও)",
  },
  {
    start: ["जो"],
    rest: "\\s+(?:भी|कुछ\\s+भी)?\\s*(?:आपको|तुम्हें|तुमको)\\s+(?:बताया|कहा|सिखाया)\\s+गया\\s+(?:है|था)[^।\\n]{0,15}?(?:अनदेखा|भूल|नजरअंदाज|नज़रअंदाज|नज़रअंदाज|उपेक्षा)",
  },
];

/** "Regardless of the previous tasks", outside English. */
export const REGARDLESS_FAMILIES: readonly Family[] = [
  {
    start: words("independientemente independentemente"),
    rest: "\\s+d(?:e\\s+las?|e\\s+los?|[ao]s?)\\s+(?:tareas|instrucciones|tarefas|instru[çc][õo]es|[óo]rdenes|ordens)\\s+(?:anteriores|previas|pr[ée]vias)",
  },
  {
    start: words("ind[ée]pendamment_des quelles_que_soient_les"),
    rest: "\\s+(?:t[âa]ches|instructions|consignes)\\s+(?:pr[ée]c[ée]dentes|ant[ée]rieures)",
  },
  {
    start: words("unabh[äa]ngig_von"),
    rest: "\\s+(?:den\\s+)?(?:vorherigen|bisherigen|fr[üu]heren)\\s+(?:aufgaben|anweisungen)",
  },
  {
    start: words("indipendentemente_(?:dai|dalle|da)"),
    rest: "\\s+(?:compiti|istruzioni|richieste)\\s+precedenti",
  },
  { start: words("önceki onceki"), rest: "\\s+(?:görevlerden|gorevlerden|talimatlardan)\\s+bağımsız" },
  { start: words("terlepas_dari"), rest: "\\s+(?:tugas|instruksi|perintah)\\s+sebelumnya" },
  { start: ["पिछले"], rest: "\\s+(?:कार्यों|निर्देशों)\\s+की\\s+परवाह\\s+किए\\s+बिना" },
  {
    start: words("независимо_от").map(cyrillic),
    rest: cyrillic("\\s+(?:предыдущих|прежних)\\s+(?:задач|инструкций|указаний)"),
  },
  { start: words("不管 无论 無論 不论 不論"), rest: "(?:之前|以前|先前)的?(?:任务|任務|指令|指示)" },
];

/** "From now on you …", outside English: weak alone, it strengthens an override next to it. */
export const FROM_NOW_ON_FAMILIES: readonly Family[] = [
  {
    start: words("a_partir_de_ahora de_ahora_en_adelante desde_ahora"),
    rest: `[\\s,]+(?:eres|ser[áa]s|vas\\s+a|actuar[áa]s|t[úu]|responder[áa]s)${WE}`,
  },
  { start: words("[àa]_partir_de_maintenant dor[ée]navant d[ée]sormais"), rest: `[\\s,]+(?:tu|vous)${WE}` },
  {
    start: words("ab_(?:jetzt|sofort|nun) von_nun_an von_jetzt_an"),
    rest: `[\\s,]+(?:bist\\s+du|wirst\\s+du|du\\s+bist|sollst\\s+du|du\\s+wirst|sind\\s+sie)${WE}`,
  },
  {
    start: words("d[’']ora_in_poi da_ora_in_poi da_adesso a_partire_da_ora"),
    rest: `[\\s,]+(?:sei|tu|sarai|agirai|risponderai|devi)${WE}`,
  },
  {
    start: words("a_partir_de_agora de_agora_em_diante daqui_em_diante"),
    rest: `[\\s,]+(?:voc[êe]|tu|vais|ser[áa]s?)${WE}`,
  },
  { start: words("с_этого_момента отныне с_этой_минуты").map(cyrillic), rest: cyrillic(`[\\s,]+(?:ты|вы)${WE}`) },
  {
    start: words("从现在开始 從現在開始 从现在起 從現在起 从今以后 從今以後 从此以后 從此以後"),
    rest: "[，,、\\s]*你",
  },
  { start: words("今から これから 今後 以後 これより"), rest: "[、,\\s]*(?:あなたは|君は|お前は)" },
  { start: words("지금부터 이제부터 앞으로"), rest: "\\s*(?:너는|당신은|넌)" },
  {
    start: words("من_الآن_فصاعدا من_الان_فصاعدا ابتداء_من_الآن"),
    rest: "[ً،,\\s]*(?:أنت|انت|ستكون|سوف)",
  },
  { start: words("अब_से आज_से"), rest: "\\s+(?:तुम|आप)" },
  { start: words("bundan_sonra şu_andan_itibaren su_andan_itibaren"), rest: `[\\s,]+(?:sen|siz)${WE}` },
  {
    start: words("vanaf_nu van_nu_af_aan voortaan"),
    rest: `[\\s,]+(?:ben\\s+je|zul\\s+je|ga\\s+je|moet\\s+je|jij|je)${WE}`,
  },
  {
    start: words("od_teraz od_tej_chwili odtąd odtad"),
    rest: `[\\s,]+(?:jesteś|jestes|będziesz|bedziesz|ty)${WE}`,
  },
];

/** Qualifiers that point at the model's own earlier instructions, in every language above. */
export const STRONG_QUALIFIER = new RegExp(
  accentInsensitive(
    [
      `${WB}(?:previous|previously|prior|above|earlier|preceding|foregoing|former|original|initial|aforementioned|your|system|developer|openai|before|so\\s+far|until\\s+now|programmed|built-in)${WE}`,
      `${WB}(?:anteriores|anterior|previas|precedentes|de\\s+arriba|originales|iniciales|tus|pr[ée]c[ée]dente?s|ant[ée]rieures|ci-dessus|d[’']avant|initiales|tes|vos|vorherigen|vorherige|vorigen|bisherigen|obigen|früheren|vorangegangenen|ursprünglichen|deine|ihre|precedenti|sopra|di\\s+prima|originali|iniziali|tue|pr[ée]vias|acima|originais|iniciais|suas|tuas|eerdere|vorige|voorgaande|bovenstaande|oorspronkelijke|jouw|poprzedni\\p{L}*|wcze[śs]niejsz\\p{L}*|powy[żz]sz\\p{L}*|dotychczasow\\p{L}*|twoje|swoje|sebelumnya|di\\s+atas|önceki|onceki|yukarıdaki|yukaridaki|sana\\s+verilen)${WE}`,
      cyrillic(
        `${WB}(?:предыдущ\\p{L}*|прежн\\p{L}*|предшествующ\\p{L}*|вышеуказанн\\p{L}*|вышеприведенн\\p{L}*|вышеприведённ\\p{L}*|прошл\\p{L}*|изначальн\\p{L}*|исходн\\p{L}*|свои|твои|ваши|ранее)${WE}`,
      ),
      "之前|以前|先前|此前|上面|上述|前面|前述|原来|原來|原有|原始|你的|系统|系統|早先|刚才|剛才|上記|これまで|今まで|先ほど|先程|最初|元の|あなたの|システム|事前|前の|上の|이전|앞의|앞서|위의|기존|원래|당신의|너의|시스템|السابقة|السابق|أعلاه|اعلاه|الأصلية|الاصلية|الماضية|تعليماتك|أوامرك|اوامرك|قواعدك|पिछले|पिछली|पूर्व|ऊपर|उपरोक्त|अपने|मूल|trước|ở trên|ban đầu|আগের|পূর্ববর্তী|আপনার|ก่อนหน้า|ข้างต้น",
    ].join("|"),
  ),
  "u",
);

/** "All" without a pointer to earlier instructions: ambiguous ("ignore all formatting rules"). */
export const ALL_QUALIFIER = new RegExp(
  accentInsensitive(
    `${WB}(?:all|any|every|todas|todos|toutes|tous|alle|sämtliche|tutte|tutti|wszystkie|semua|tüm|bütün)${WE}|${cyrillic("все|всё")}|所有|一切|すべて|全て|全部|모든|جميع|كل|सभी|सारे|tất cả|সমস্ত|সব`,
  ),
  "u",
);
