/** The words of the demo district: places, branches, names and services. */
import type { CategorySlug } from "../../shared/categories.ts";

export const DISTRICT = "杭州市拱墅区";

export const COMMUNITIES = [
  "大关西苑社区",
  "和睦新村社区",
  "小河佳苑社区",
  "德胜新村社区",
  "长乐社区",
  "拱宸桥社区",
  "湖墅嘉园社区",
  "信义坊社区",
  "东新园社区",
  "米市巷社区",
];

export const BRANCHES = [
  "大关街道第一党支部",
  "和睦街道退休党员支部",
  "小河街道在职党员支部",
  "拱宸桥街道志愿服务党支部",
  "湖墅街道机关党支部",
  "米市巷街道社区党委第二支部",
  "区卫健系统联合党支部",
  "区司法局党支部",
];

export const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜".split("");
export const GIVEN = [
  "建国",
  "秀英",
  "志强",
  "桂英",
  "海燕",
  "晓东",
  "丽华",
  "国平",
  "文杰",
  "美玲",
  "伟民",
  "红梅",
  "晨",
  "静",
  "磊",
  "敏",
  "涛",
  "芳",
  "军",
  "燕",
  "立新",
  "雪梅",
  "金龙",
  "慧",
  "振华",
  "玉兰",
  "浩",
  "婷",
  "春生",
  "小青",
];

export interface ServiceTemplate {
  title: string;
  description: string;
  kind: "on_demand" | "event";
  mode: "door" | "venue" | "online";
  capacity: number;
}

/**
 * Services that recur: the first listing of each of these titles is a scheduled event
 * (sessions with their own seats), as the district's most-used services are.
 */
export const SCHEDULED: Record<
  string,
  { rrule: string; startTime: string; durationMinutes: number; capacity: number; description?: string }
> = {
  义务理发: { rrule: "FREQ=WEEKLY;BYDAY=SA", startTime: "09:00", durationMinutes: 120, capacity: 20 },
  量血压测血糖: {
    rrule: "FREQ=MONTHLY;BYDAY=1MO",
    startTime: "08:30",
    durationMinutes: 120,
    capacity: 30,
    description: "社区医生党员每月第一个周一上午免费量血压、测血糖，建立健康记录，有异常及时提醒。",
  },
};

export const SERVICES: Record<CategorySlug, ServiceTemplate[]> = {
  convenience: [
    {
      title: "义务理发",
      description: "每周六上午在社区服务站为老人义务理发，行动不便的可以上门。自带工具，剪发、修面都行。",
      kind: "on_demand",
      mode: "venue",
      capacity: 6,
    },
    {
      title: "家电维修",
      description: "电视、洗衣机、电饭煲、电风扇等小家电免费检修，只收更换配件的成本价由居民自备。",
      kind: "on_demand",
      mode: "door",
      capacity: 3,
    },
    {
      title: "周末上门打扫",
      description: "为独居老人和困难家庭提供周末上门打扫，擦窗、拖地、整理厨房，两人一组上门。",
      kind: "on_demand",
      mode: "door",
      capacity: 2,
    },
    {
      title: "修补衣物缝纫",
      description: "缝扣子、改裤脚、补衣服，拿到社区活动室即可，也可以约时间上门取送。",
      kind: "on_demand",
      mode: "venue",
      capacity: 5,
    },
    {
      title: "水电小修",
      description: "水龙头漏水、灯泡更换、开关插座松动等水电小毛病，党员电工上门帮您看看。",
      kind: "on_demand",
      mode: "door",
      capacity: 3,
    },
    {
      title: "磨刀配钥匙",
      description: "每月第一个周日在社区广场磨菜刀、剪刀，免费服务，请带好需要磨的刀具。",
      kind: "event",
      mode: "venue",
      capacity: 30,
    },
    {
      title: "代买药品",
      description: "为腿脚不便的老人代买常用药品，凭医保卡和处方到附近药店购买后送到家。",
      kind: "on_demand",
      mode: "door",
      capacity: 4,
    },
  ],
  eco: [
    {
      title: "垃圾分类指导",
      description: "手把手教您分清可回收物、厨余垃圾、有害垃圾和其他垃圾，发放分类小卡片。",
      kind: "event",
      mode: "venue",
      capacity: 40,
    },
    {
      title: "河道清洁行动",
      description: "沿运河步道捡拾垃圾、清理漂浮物，提供手套和夹子，欢迎居民一起参加。",
      kind: "event",
      mode: "venue",
      capacity: 25,
    },
    {
      title: "旧物改造课堂",
      description: "把旧衣服、旧纸箱变成收纳盒和环保袋，孩子和老人都能参加的动手课。",
      kind: "event",
      mode: "venue",
      capacity: 20,
    },
    {
      title: "阳台绿植养护",
      description: "上门教您养护阳台花草，换盆、施肥、防虫，一对一指导。",
      kind: "on_demand",
      mode: "door",
      capacity: 3,
    },
    {
      title: "节水节电小妙招",
      description: "入户检查家里的水电使用，教您几个省水省电的好办法。",
      kind: "on_demand",
      mode: "door",
      capacity: 4,
    },
  ],
  donation: [
    {
      title: "冬衣捐赠收集",
      description: "收集干净完好的冬季衣物，统一消毒后送给有需要的困难家庭，可上门收取。",
      kind: "on_demand",
      mode: "door",
      capacity: 8,
    },
    {
      title: "图书漂流角",
      description: "把家里闲置的图书带到漂流角，也可以借走喜欢的书，志愿者帮您登记。",
      kind: "event",
      mode: "venue",
      capacity: 50,
    },
    {
      title: "助学捐赠对接",
      description: "为社区困难家庭的孩子对接学习用品和助学资助，志愿者全程跟进。",
      kind: "on_demand",
      mode: "online",
      capacity: 5,
    },
    {
      title: "爱心餐食分享",
      description: "社区食堂每周三为高龄独居老人免费送一份午餐，需提前一天报名。",
      kind: "event",
      mode: "door",
      capacity: 15,
    },
    {
      title: "闲置轮椅助行器借用",
      description: "社区收集的闲置轮椅、助行器可以免费借用，志愿者帮您送到家并调试。",
      kind: "on_demand",
      mode: "door",
      capacity: 3,
    },
  ],
  pairing: [
    {
      title: "独居老人结对",
      description: "党员与独居老人结对，每周上门看望一次，陪聊天、帮忙做点家务。",
      kind: "on_demand",
      mode: "door",
      capacity: 2,
    },
    {
      title: "陪伴就医",
      description: "陪同老人到医院挂号、就诊、取药，帮忙跑腿排队，家属不在身边也放心。",
      kind: "on_demand",
      mode: "door",
      capacity: 2,
    },
    {
      title: "困难家庭帮扶",
      description: "了解困难家庭的实际需要，帮助申请救助政策、联系就业岗位。",
      kind: "on_demand",
      mode: "door",
      capacity: 3,
    },
    {
      title: "孩子放学接送看护",
      description: "为双职工家庭接送小学生放学，并在社区四点半课堂看护到家长下班。",
      kind: "on_demand",
      mode: "venue",
      capacity: 4,
    },
    {
      title: "残障人士出行陪同",
      description: "陪同残障朋友外出办事、购物、散步，需要提前一天约时间。",
      kind: "on_demand",
      mode: "door",
      capacity: 2,
    },
  ],
  counseling: [
    {
      title: "法律咨询",
      description: "执业律师党员为您解答婚姻家庭、房屋租赁、劳动纠纷等法律问题。",
      kind: "on_demand",
      mode: "venue",
      capacity: 6,
    },
    {
      title: "心理疏导",
      description: "心理咨询师一对一倾听和疏导，帮您缓解焦虑、失眠和家庭矛盾带来的压力。",
      kind: "on_demand",
      mode: "online",
      capacity: 3,
    },
    {
      title: "课业辅导",
      description: "为初中、小学生辅导数学、语文、英语作业，周末在社区图书室进行。",
      kind: "on_demand",
      mode: "venue",
      capacity: 6,
    },
    {
      title: "智能手机教学",
      description: "教老年人用智能手机：微信视频、健康码、网上挂号、防范诈骗短信。",
      kind: "event",
      mode: "venue",
      capacity: 15,
    },
    {
      title: "医保社保政策解读",
      description: "讲解医保报销、养老金领取认证、社保转移等常见问题，现场答疑。",
      kind: "event",
      mode: "venue",
      capacity: 30,
    },
    {
      title: "老年人网上办事帮办",
      description: "帮您在手机上办理水电缴费、预约挂号、养老认证等事情。",
      kind: "on_demand",
      mode: "door",
      capacity: 4,
    },
  ],
  health: [
    {
      title: "量血压测血糖",
      description: "社区医生党员每周二上午免费量血压、测血糖，建立健康记录，有异常及时提醒。",
      kind: "on_demand",
      mode: "venue",
      capacity: 10,
    },
    {
      title: "健康讲座：高血压饮食",
      description: "讲讲高血压老人怎么吃、怎么动，现场答疑，发放低盐食谱。",
      kind: "event",
      mode: "venue",
      capacity: 40,
    },
    {
      title: "康复指导",
      description: "康复治疗师上门指导中风、骨折后的康复训练，教家属正确的护理方法。",
      kind: "on_demand",
      mode: "door",
      capacity: 2,
    },
    {
      title: "中医推拿理疗",
      description: "退休中医师免费推拿、艾灸，缓解肩颈腰腿疼痛，每次约半小时。",
      kind: "on_demand",
      mode: "venue",
      capacity: 5,
    },
    {
      title: "上门测血压",
      description: "为行动不便的老人上门测量血压、血糖，记录在健康手册上。",
      kind: "on_demand",
      mode: "door",
      capacity: 4,
    },
  ],
  culture: [
    {
      title: "书法课",
      description: "退休语文老师教毛笔字，从基本笔画练起，笔墨纸砚社区提供。",
      kind: "event",
      mode: "venue",
      capacity: 20,
    },
    {
      title: "广场舞教学",
      description: "每晚七点在社区广场教广场舞，零基础也能跟上，欢迎叔叔阿姨来跳。",
      kind: "event",
      mode: "venue",
      capacity: 40,
    },
    {
      title: "社区观影",
      description: "周五晚上社区活动室放映老电影，免费观看，提供茶水。",
      kind: "event",
      mode: "venue",
      capacity: 60,
    },
    {
      title: "越剧兴趣班",
      description: "越剧爱好者一起学唱经典选段，老师一句一句教。",
      kind: "event",
      mode: "venue",
      capacity: 25,
    },
    {
      title: "象棋围棋交流",
      description: "每周日下午棋友交流，棋具社区提供，也教小朋友入门。",
      kind: "event",
      mode: "venue",
      capacity: 16,
    },
  ],
  safety: [
    {
      title: "防诈骗宣传",
      description: "民警党员讲解常见电信诈骗套路，教您识别冒充公检法、保健品骗局。",
      kind: "event",
      mode: "venue",
      capacity: 50,
    },
    {
      title: "夜间巡防",
      description: "每晚八点到十点在小区巡逻，检查楼道安全，欢迎居民加入巡防队。",
      kind: "event",
      mode: "venue",
      capacity: 12,
    },
    {
      title: "家庭消防检查",
      description: "上门检查燃气管道、电线老化、灭火器是否过期，排查家中火灾隐患。",
      kind: "on_demand",
      mode: "door",
      capacity: 4,
    },
    {
      title: "燃气安全入户",
      description: "检查燃气软管和报警器，教您关阀门和应急处理，十分钟搞定。",
      kind: "on_demand",
      mode: "door",
      capacity: 5,
    },
    {
      title: "电动车充电安全讲解",
      description: "讲解电动车充电安全，帮您检查电池和充电器，劝导不要楼道充电。",
      kind: "event",
      mode: "venue",
      capacity: 30,
    },
  ],
};

export const SUFFIXES = ["", "（周末）", "（工作日）", "·上门服务", "·老年人优先", "（每月一次）"];
