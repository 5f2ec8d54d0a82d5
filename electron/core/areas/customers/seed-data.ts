// Word lists and a seeded random generator for realistic, deterministic demo customers.

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function randomGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CITIES = ['杭州', '上海', '北京', '深圳', '广州', '成都', '南京', '苏州', '武汉', '西安', '重庆', '天津', '宁波', '厦门', '青岛', '长沙'];
/** For English street addresses only: regions are always the Chinese names above, so filters find every customer of a city. */
export const CITIES_EN = ['Hangzhou', 'Shanghai', 'Beijing', 'Shenzhen', 'Guangzhou', 'Chengdu', 'Nanjing', 'Suzhou', 'Wuhan', "Xi'an", 'Chongqing', 'Tianjin', 'Ningbo', 'Xiamen', 'Qingdao', 'Changsha'];
export const BRAND_CHARS = [...'华信明德远海鑫瑞祥和泰恒宏伟达新金盛嘉诚安康永丰汇通博创卓越天宇星辰佳美兴隆立邦正源'];
export const INDUSTRIES = [
  { zh: '科技', en: 'Tech', industry: '信息技术' },
  { zh: '贸易', en: 'Trading', industry: '批发零售' },
  { zh: '餐饮', en: 'Foods', industry: '餐饮' },
  { zh: '建材', en: 'Building Supplies', industry: '建筑建材' },
  { zh: '电子', en: 'Electronics', industry: '电子制造' },
  { zh: '服饰', en: 'Apparel', industry: '服装纺织' },
  { zh: '物流', en: 'Logistics', industry: '物流运输' },
  { zh: '印刷', en: 'Printing', industry: '印刷包装' },
  { zh: '装饰', en: 'Design', industry: '装修装饰' },
  { zh: '医疗器械', en: 'Medical', industry: '医疗健康' },
  { zh: '文化传媒', en: 'Media', industry: '文化传媒' },
  { zh: '机械', en: 'Machinery', industry: '机械设备' },
];
export const COMPANY_SUFFIXES = ['有限公司', '有限公司', '股份有限公司', '商行', '工作室'];
export const BRANDS_EN = ['Acme', 'Blue River', 'Golden Gate', 'Northwind', 'Summit', 'Pioneer', 'Evergreen', 'Silverline', 'Redwood', 'Harbor', 'Maple', 'Oakridge', 'Sunrise', 'Atlas', 'Nova', 'Orion', 'Keystone', 'Lighthouse'];
export const SUFFIXES_EN = ['Ltd', 'Co.', 'Inc.', 'LLC', 'Group'];
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
export const GIVEN_CHARS = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁欣怡佳琪雪梅晨晓'];
export const FIRST_NAMES_EN = ['James', 'Mary', 'John', 'Linda', 'Robert', 'Emma', 'David', 'Olivia', 'Michael', 'Sophia', 'Daniel', 'Grace', 'Thomas', 'Chloe', 'Henry', 'Lucy'];
export const LAST_NAMES_EN = ['Smith', 'Brown', 'Taylor', 'Wilson', 'Clark', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter', 'Mitchell'];
export const TITLES = ['总经理', '采购经理', '财务', '行政主管', '店长', '技术负责人', '老板', 'Purchasing Manager', 'Director', 'Owner'];
export const TAGS = ['老客户', '回头客', '批发', '零售', '线上', '展会', '转介绍', '重点跟进', 'wholesale', 'online', 'referral', 'trade show'];
export const SOURCES = ['展会', '转介绍', '网站', '电话', '老客户推荐', '地推', 'Referral', 'Website'];
export const EMAIL_DOMAINS = ['example.com', 'example.cn', 'mail.example.net', 'shop.example.org'];
