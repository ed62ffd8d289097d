// Static tables for the demo-data generator (generate-demo.mjs). Realistic, not real people.

export const SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
  ['彭', 'peng'],
  ['曾', 'zeng'],
  ['沈', 'shen'],
  ['蒋', 'jiang'],
  ['叶', 'ye'],
  ['潘', 'pan'],
  ['杜', 'du'],
  ['钱', 'qian'],
  ['方', 'fang'],
  ['俞', 'yu'],
];

export const GIVEN = [
  ['子涵', 'zihan'],
  ['浩然', 'haoran'],
  ['思远', 'siyuan'],
  ['雨桐', 'yutong'],
  ['一鸣', 'yiming'],
  ['欣怡', 'xinyi'],
  ['宇轩', 'yuxuan'],
  ['梓萱', 'zixuan'],
  ['俊杰', 'junjie'],
  ['佳琪', 'jiaqi'],
  ['晨阳', 'chenyang'],
  ['诗琪', 'shiqi'],
  ['文博', 'wenbo'],
  ['若曦', 'ruoxi'],
  ['嘉豪', 'jiahao'],
  ['思琪', 'siqi'],
  ['天宇', 'tianyu'],
  ['婉清', 'wanqing'],
  ['明轩', 'mingxuan'],
  ['可欣', 'kexin'],
  ['志强', 'zhiqiang'],
  ['丽娟', 'lijuan'],
  ['海涛', 'haitao'],
  ['晓燕', 'xiaoyan'],
  ['建国', 'jianguo'],
  ['秀英', 'xiuying'],
  ['鹏', 'peng'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['敏', 'min'],
  ['洋', 'yang'],
  ['婷', 'ting'],
  ['超', 'chao'],
  ['慧', 'hui'],
  ['杰', 'jie'],
  ['琳', 'lin'],
  ['帆', 'fan'],
  ['悦', 'yue'],
];

/** Weighted choices: [value, weight]. */
export const SOURCES = [
  ['douyin', 35],
  ['wechatMp', 18],
  ['website', 17],
  ['offlineEvent', 10],
  ['referral', 10],
  ['hotline', 10],
];
export const COURSES = [
  ['python', 28],
  ['dataAnalysis', 16],
  ['uiDesign', 18],
  ['frontend', 12],
  ['java', 10],
  ['productManager', 7],
  ['newMedia', 6],
  ['other', 3],
];
/** City-level GB/T 2260 codes: the school is in Hangzhou, with a Shanghai branch. */
export const CITIES = [
  ['330100', 52],
  ['310100', 20],
  ['330200', 6],
  ['330600', 5],
  ['330400', 4],
  ['320500', 5],
  ['320100', 4],
  ['340100', 4],
];
export const STAGES = [
  ['new', 30],
  ['qualified', 20],
  ['trial', 13],
  ['quoted', 10],
  ['won', 12],
  ['lost', 15],
];
export const LOSS_REASONS = [
  ['price', 30],
  ['schedule', 25],
  ['competitor', 15],
  ['notMatched', 8],
  ['location', 7],
  ['unreachable', 10],
  ['noNeed', 3],
  ['other', 2],
];
export const BUDGETS = [
  ['under5k', 15],
  ['from5kTo10k', 35],
  ['from10kTo20k', 38],
  ['over20k', 12],
];
export const CYCLES = [
  ['withinWeek', 15],
  ['withinMonth', 40],
  ['oneToThreeMonths', 30],
  ['undecided', 15],
];
export const OCCUPATIONS = [
  ['student', 18],
  ['office', 30],
  ['it', 15],
  ['designer', 8],
  ['freelancer', 7],
  ['jobSeeking', 18],
  ['other', 4],
];
export const EDUCATIONS = [
  ['highSchool', 8],
  ['college', 32],
  ['bachelor', 50],
  ['master', 10],
];
export const TAGS = ['weekend', 'evening', 'online', 'installments', 'invoice', 'careerChange'];

/** Course prices in fen. */
export const PRICES = {
  python: 1280000,
  dataAnalysis: 980000,
  uiDesign: 1380000,
  frontend: 1480000,
  java: 1680000,
  productManager: 880000,
  newMedia: 680000,
  other: 680000,
};

export const CAMPAIGNS = [
  {
    code: 'dy_2026_spring_python',
    title: '抖音2026春季Python课程专项',
    channel: 'douyin',
    spend: 3000000,
    start: -100,
    end: -10,
    variant: 'A',
    course: 'python',
  },
  {
    code: 'dy_2026_spring_python_b',
    title: '抖音2026春季Python课程专项（B版素材）',
    channel: 'douyin',
    spend: 1500000,
    start: -60,
    end: -10,
    variant: 'B',
    course: 'python',
  },
  {
    code: 'dy_2026_spring_uidesign',
    title: '抖音2026春季UI设计专项',
    channel: 'douyin',
    spend: 2200000,
    start: -95,
    end: -5,
    variant: 'A',
    course: 'uiDesign',
  },
  {
    code: 'dy_2026_spring_data',
    title: '抖音2026春季数据分析专项',
    channel: 'douyin',
    spend: 1800000,
    start: -90,
    end: -5,
    variant: 'A',
    course: 'dataAnalysis',
  },
  {
    code: 'dy_2026_spring_general',
    title: '抖音2026春季品牌曝光',
    channel: 'douyin',
    spend: 1200000,
    start: -100,
    end: 0,
    variant: 'A',
    course: null,
  },
  {
    code: 'mp_2026_q1_article',
    title: '公众号2026一季度转行干货推文',
    channel: 'wechatMp',
    spend: 300000,
    start: -100,
    end: 0,
    variant: null,
    course: null,
  },
  {
    code: 'web_2026_q1_seo',
    title: '官网2026一季度SEO与信息流',
    channel: 'website',
    spend: 800000,
    start: -100,
    end: 0,
    variant: null,
    course: null,
  },
  {
    code: 'offline_2026_03_hz_fair',
    title: '2026年3月杭州人才市场招聘会',
    channel: 'offlineEvent',
    spend: 500000,
    start: -45,
    end: -43,
    variant: null,
    course: null,
  },
];

export const FIRST_NOTES = {
  douyin: [
    '看了Python入门短视频后留资，想转行做开发',
    '抖音直播间咨询课程价格',
    '刷到UI设计作品集视频，问有没有零基础班',
    '抖音私信问周末班时间',
  ],
  wechatMp: ['公众号菜单“免费试听”留资', '读了转行干货推文后咨询', '公众号留言问学费能否分期'],
  website: ['官网预约免费试听', '官网在线咨询，问就业推荐', '官网下载课程大纲后留资'],
  offlineEvent: ['招聘会现场扫码登记', '线下公开课签到', '高校宣讲会留下联系方式'],
  referral: ['老学员推荐，同事关系', '老学员推荐的朋友，想一起报名'],
  hotline: ['400电话咨询课程安排', '400电话问线下校区地址'],
};

export const CALL_NOTES = [
  '电话沟通，了解目前工作和学习目标，发了课程大纲',
  '客户在上班，约晚上8点再打',
  '介绍了课程体系和就业服务，客户比较感兴趣',
  '确认预算和时间安排，倾向周末班',
  '未接通，已发短信',
  '客户表示需要和家人商量',
];
export const WECHAT_NOTES = [
  '加了微信，发送了试听课安排',
  '微信发送学员作品和就业案例',
  '微信回复了分期付款的问题',
  '发了课程表，客户说周末再看',
];
export const VISIT_NOTES = ['到校区参观，见了主讲老师', '到访咨询，看了教室和学员作品'];
export const TRIAL_NOTES = [
  '参加周六下午试听课，课堂练习完成度高',
  '试听课反馈不错，对项目实战很感兴趣',
  '试听后提出想了解分期和就业推荐',
];
export const QUOTE_NOTES = [
  '发送学习方案与报价单（PDF），含早鸟优惠',
  '发送分期付款方案和报名合同模板',
];
export const PLANS = [
  '周五前确认试听时间',
  '发送就业案例后再跟进',
  '等客户发工资后确认报名',
  '邀请参加周末公开课',
  '确认分期方案',
  '和家人商量后回电',
];
export const LOSS_NOTES = ['客户已出国，暂不考虑', '公司安排外派，学习计划取消'];
